/// A design matrix standardised as glmnet does (`standardize = TRUE`): each column centred and
/// divided by its 1/n standard deviation, stored column-major in one flat array so coordinate
/// descent reads a column contiguously. Constant columns are kept with sd 0 and never enter.
struct StandardizedDesign: Sendable {
    let n: Int
    let p: Int
    /// x[j * n + i]: standardised feature j of subject i.
    let x: [Double]
    let means: [Double]
    let sds: [Double]

    init(columns: [[Double]]) {
        n = columns.first?.count ?? 0
        p = columns.count
        var flat = [Double](repeating: 0, count: n * p)
        var means = [Double](repeating: 0, count: p)
        var sds = [Double](repeating: 0, count: p)
        for (j, column) in columns.enumerated() {
            let mean = column.reduce(0, +) / Double(n)
            var ss = 0.0
            for v in column { ss += (v - mean) * (v - mean) }
            let sd = (ss / Double(n)).squareRoot()
            means[j] = mean
            sds[j] = sd
            if sd > 0 {
                for i in 0..<n { flat[j * n + i] = (column[i] - mean) / sd }
            }
        }
        self.x = flat
        self.means = means
        self.sds = sds
    }

    /// (1/n) Σᵢ x_ij rᵢ for every column j (the score vector at a solution).
    func scores(_ r: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: p)
        x.withUnsafeBufferPointer { xb in
            r.withUnsafeBufferPointer { rb in
                for j in 0..<p where sds[j] > 0 {
                    var s = 0.0
                    let base = j * n
                    for i in 0..<n { s += xb[base + i] * rb[i] }
                    g[j] = s / Double(n)
                }
            }
        }
        return g
    }

    /// (1/n) Σᵢ x_ij rᵢ for the listed columns, in their order.
    func scores(_ r: [Double], columns: [Int]) -> [Double] {
        x.withUnsafeBufferPointer { xb in
            columns.map { j in
                var s = 0.0
                for i in 0..<n { s += xb[j * n + i] * r[i] }
                return s / Double(n)
            }
        }
    }

    /// η = Σ_a x_{columns[a]} · coefficients[a] on the standardised scale (no intercept).
    func linearPredictor(columns: [Int], coefficients: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xb in
            for (a, j) in columns.enumerated() where coefficients[a] != 0 {
                for i in 0..<n { eta[i] += xb[j * n + i] * coefficients[a] }
            }
        }
        return eta
    }

    /// Maps standardised-scale coefficients back to the original scale: (intercept, β).
    func originalScale(intercept: Double, beta: [Double]) -> (Double, [Double]) {
        var b0 = intercept
        let raw = (0..<p).map { j -> Double in
            guard sds[j] > 0, beta[j] != 0 else { return 0 }
            let b = beta[j] / sds[j]
            b0 -= b * means[j]
            return b
        }
        return (b0, raw)
    }
}
