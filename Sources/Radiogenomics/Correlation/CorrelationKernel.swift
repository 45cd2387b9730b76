import Foundation
import LinearAlgebra
import Modeling

/// Column standardisation for correlation by GEMM: z = (x − mean) / ‖x − mean‖, so that
/// zᵀz' is the Pearson correlation. Means and norms are summed in Swift in index order
/// (fixed bits, independent of the BLAS kernel). Columns with missing values or zero
/// variance get z = 0 and are flagged.
struct Standardised {
    var z: Matrix
    var hasMissing: [Bool]
    var constant: [Bool]

    init(_ x: Matrix) {
        let n = x.rows
        z = Matrix(rows: n, columns: x.columns)
        hasMissing = Array(repeating: false, count: x.columns)
        constant = Array(repeating: false, count: x.columns)
        for j in 0..<x.columns {
            let base = j * n
            var sum = 0.0
            var missing = false
            for i in 0..<n {
                let v = x.storage[base + i]
                if v.isNaN { missing = true }
                sum += v
            }
            if missing {
                hasMissing[j] = true
                continue
            }
            let mean = sum / Double(n)
            var ss = 0.0
            for i in 0..<n {
                let d = x.storage[base + i] - mean
                ss += d * d
            }
            let norm = ss.squareRoot()
            if !(norm > 0) || ss <= 1e-28 * Double(n) * max(1, mean * mean) {
                constant[j] = true
                continue
            }
            for i in 0..<n { z.storage[base + i] = (x.storage[base + i] - mean) / norm }
        }
    }
}

/// Scalar correlation kernels (pairwise-complete path and ranks).
enum CorrelationKernel {
    /// Column-wise average ranks (missing values stay missing, ranks over the present ones).
    static func ranked(_ x: Matrix) -> Matrix {
        var out = x
        for j in 0..<x.columns {
            let col = x.column(j)
            let present = col.indices.filter { !col[$0].isNaN }
            let ranks = Ranks.average(present.map { col[$0] })
            for (k, i) in present.enumerated() { out[i, j] = ranks[k] }
        }
        return out
    }

    /// Correlation over the complete pairs of two vectors, and the number of pairs.
    static func pairwise(_ a: [Double], _ b: [Double], method: CorrelationMethod) -> (Double, Int) {
        var xs: [Double] = []
        var ys: [Double] = []
        for i in a.indices where !a[i].isNaN && !b[i].isNaN {
            xs.append(a[i])
            ys.append(b[i])
        }
        if method == .spearman {
            xs = Ranks.average(xs)
            ys = Ranks.average(ys)
        }
        return (pearson(xs, ys), xs.count)
    }

    /// Two-pass Pearson correlation (sums in index order); NaN when either side is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        var sx = 0.0
        var sy = 0.0
        for i in 0..<n {
            sx += x[i]
            sy += y[i]
        }
        let mx = sx / Double(n)
        let my = sy / Double(n)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx
            let dy = y[i] - my
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return max(-1, min(1, sxy / (sxx.squareRoot() * syy.squareRoot())))
    }
}
