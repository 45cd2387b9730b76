import LinearAlgebra
import RadVaultCore

/// Module eigengenes as `WGCNA::moduleEigengenes(expr, colors, impute = TRUE, nPC = 1,
/// align = "along average", excludeGrey = TRUE)`.
public struct ModuleEigengenes: Sendable {
    /// Module labels, ascending (0 = unassigned is excluded).
    public var modules: [Int]
    /// samples × modules: each column the first principal component of the module's
    /// standardised expression (unit length), sign aligned with the module's average
    /// standardised expression.
    public var eigengenes: Matrix
    /// Fraction of variance explained by each eigengene (mean squared correlation with the
    /// module's genes).
    public var varianceExplained: [Double]
    /// Number of missing values imputed by k-NN across modules.
    public var imputedValues: Int

    /// Computes eigengenes of every non-zero label of `labels` from `expression` (samples × genes).
    public static func compute(expression: Matrix, labels: [Int]) throws -> ModuleEigengenes {
        let modules = Array(Set(labels.filter { $0 != 0 })).sorted()
        var me = Matrix(rows: expression.rows, columns: modules.count)
        var explained: [Double] = []
        var imputed = 0
        for (col, module) in modules.enumerated() {
            let genes = labels.indices.filter { labels[$0] == module }
            var x = Matrix(rows: expression.rows, columns: genes.count)
            for (jj, j) in genes.enumerated() {
                for i in 0..<expression.rows { x[i, jj] = expression[i, j] }
            }
            if genes.count > 1 { imputed += KNNImputation.impute(&x) }
            let (vector, ve) = try firstComponent(of: x, module: module)
            for i in 0..<expression.rows { me[i, col] = vector[i] }
            explained.append(ve)
        }
        return ModuleEigengenes(
            modules: modules, eigengenes: me, varianceExplained: explained, imputedValues: imputed)
    }

    /// The aligned first principal component of a samples × genes block.
    static func firstComponent(of x: Matrix, module: Int) throws -> ([Double], Double) {
        let scaled = standardiseColumns(x)
        let svd = try SVD(scaled)
        guard svd.u.columns > 0 else {
            throw RadVaultError.numerical("module \(module): eigengene needs at least one sample and one gene")
        }
        var pc = svd.u.column(0)
        var average = Array(repeating: 0.0, count: x.rows)
        for i in 0..<x.rows {
            var s = 0.0
            var m = 0
            for j in 0..<x.columns where !scaled[i, j].isNaN {
                s += scaled[i, j]
                m += 1
            }
            average[i] = m > 0 ? s / Double(m) : .nan
        }
        let corAve = CorrelationKernel.pearson(average, pc)
        if corAve.isFinite && corAve < 0 { pc = pc.map { -$0 } }
        var ve = 0.0
        var counted = 0
        for j in 0..<x.columns {
            let r = CorrelationKernel.pearson(pc, x.column(j))
            if !r.isNaN {
                ve += r * r
                counted += 1
            }
        }
        return (pc, counted > 0 ? ve / Double(counted) : .nan)
    }

    /// R's `scale()`: centre each column and divide by its sample standard deviation (n − 1);
    /// a constant column becomes NaN in R and 0 here (it carries no direction).
    static func standardiseColumns(_ x: Matrix) -> Matrix {
        var out = x
        let n = x.rows
        for j in 0..<x.columns {
            var s = 0.0
            for i in 0..<n { s += x[i, j] }
            let mean = s / Double(n)
            var ss = 0.0
            for i in 0..<n { ss += (x[i, j] - mean) * (x[i, j] - mean) }
            let sd = (ss / Double(n - 1)).squareRoot()
            for i in 0..<n { out[i, j] = sd > 0 ? (x[i, j] - mean) / sd : 0 }
        }
        return out
    }
}
