import RadVaultCore

/// Small dense symmetric positive-definite solves for Newton steps (p ≲ 100), in Swift so the
/// summation order, and hence every bit of the result, is fixed.
enum DenseSolver {
    /// Cholesky factor L (row-major, lower) of a symmetric positive-definite matrix, or nil.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

    /// Solves L Lᵀ x = b.
    static func solve(cholesky l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i][k] * y[k] }
            y[i] /= l[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k][i] * y[k] }
            y[i] /= l[i][i]
        }
        return y
    }

    /// Solves A x = b for symmetric positive-definite A, or throws a numerical error naming `what`.
    static func solve(_ a: [[Double]], _ b: [Double], what: String) throws -> [Double] {
        guard let l = cholesky(a) else {
            throw RadVaultError.numerical(
                "\(what): the information matrix is singular (collinear or constant covariates)")
        }
        return solve(cholesky: l, b)
    }

    /// Diagonal of A⁻¹ (variances of the estimates), or nil when A is not positive definite.
    static func inverseDiagonal(_ a: [[Double]]) -> [Double]? {
        guard let l = cholesky(a) else { return nil }
        let n = a.count
        return (0..<n).map { i in
            var e = [Double](repeating: 0, count: n)
            e[i] = 1
            return solve(cholesky: l, e)[i]
        }
    }
}
