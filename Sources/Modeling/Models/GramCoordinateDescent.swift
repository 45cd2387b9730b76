/// Coordinate descent on an explicit quadratic with an L1 penalty, in covariance form
/// (glmnet's `type.gaussian = "covariance"` updates, Friedman, Hastie & Tibshirani 2010 §2.2).
///
/// Minimises −gᵀ(b − β) + ½(b − β)ᵀQ(b − β) + λ‖b‖₁ over the m coordinates of b, starting at
/// b = β, where g is the score and Q the full (not diagonal) Hessian of −log L/n in β. Each
/// coordinate update costs O(m) instead of O(n), and the quadratic is the exact Newton model,
/// so the outer loop converges quadratically where a diagonal-weight approximation of a Cox
/// Hessian crawls (the cause of hundreds of outer iterations on small collinear tables).
struct GramCoordinateDescent {
    let threshold: Double
    let maxSweeps: Int

    /// Solves the penalised quadratic; returns the minimiser and the number of sweeps used.
    /// `q` is m × m, symmetric, row-major. Sweeps every coordinate once, then iterates on the
    /// nonzero ones until the largest Q_jj Δb_j² is below `threshold`, then sweeps all again.
    func solve(q: [Double], m: Int, gradient: [Double], start: [Double], lambda: Double) -> (
        beta: [Double], sweeps: Int
    ) {
        var b = start
        var s = gradient
        var sweeps = 0
        var fullSweep = true
        while sweeps < maxSweeps {
            sweeps += 1
            let list = fullSweep ? Array(0..<m) : (0..<m).filter { b[$0] != 0 }
            let dlx = sweep(list, q: q, m: m, lambda: lambda, b: &b, s: &s)
            // Why: on collinear columns cyclic descent converges linearly with a rate near 1
            // (tens of thousands of sweeps near the unpenalised end), although it finds the
            // support and signs early; the penalised quadratic restricted to them is a linear
            // system (the active-set/homotopy step of Osborne, Presnell & Turlach 2000), solved
            // once per new sign pattern and kept only if its signs and the KKT conditions hold.
            if sweeps == 10 || sweeps % 1000 == 0, dlx >= threshold,
                let exact = activeSet(q: q, m: m, gradient: gradient, start: start, from: b, lambda: lambda)
            {
                return (exact, sweeps)
            }
            if dlx < threshold {
                if fullSweep { break }
                fullSweep = true
            } else {
                fullSweep = false
            }
        }
        return (b, sweeps)
    }

    /// Finishes the solve from a sign-consistent point `b` by the active-set method of Osborne,
    /// Presnell & Turlach (2000, IMA J Numer Anal 20:389): solve Q_AA x = c_A − λ s_A on the
    /// support A with signs s (c = g + Qβ); if a sign would flip, move to the first zero
    /// crossing and drop that coordinate; once consistent, add the worst KKT violator
    /// |c_j − Q_jA b_A| > λ, or stop when there is none. The objective falls at every step.
    /// Returns nil (the caller keeps descending) when Q_AA is not positive definite.
    func activeSet(q: [Double], m: Int, gradient: [Double], start: [Double], from b0: [Double], lambda: Double)
        -> [Double]?
    {
        let c = (0..<m).map { j in (0..<m).reduce(gradient[j]) { $0 + q[j * m + $1] * start[$1] } }
        var b = b0
        var signs = b.map { $0 > 0 ? 1.0 : ($0 < 0 ? -1.0 : 0) }
        for _ in 0..<(4 * m + 10) {
            let support = (0..<m).filter { signs[$0] != 0 }
            let a = support.map { j in support.map { q[j * m + $0] } }
            guard let l = DenseSolver.cholesky(a) else { return nil }
            let x = DenseSolver.solve(cholesky: l, support.map { c[$0] - lambda * signs[$0] })
            var t = 1.0
            var blocking = -1
            for (k, j) in support.enumerated() where x[k] * signs[j] <= 0 {
                let tk = b[j] / (b[j] - x[k])
                if tk < t || blocking < 0 {
                    t = min(max(tk, 0), 1)
                    blocking = j
                }
            }
            for (k, j) in support.enumerated() { b[j] += t * (x[k] - b[j]) }
            if blocking >= 0 {
                b[blocking] = 0
                signs[blocking] = 0
                continue
            }
            var worst = -1
            var worstExcess = lambda * 1e-12
            for j in 0..<m where signs[j] == 0 {
                let r = support.reduce(c[j]) { $0 - q[j * m + $1] * b[$1] }
                if abs(r) - lambda > worstExcess {
                    worstExcess = abs(r) - lambda
                    worst = j
                }
            }
            guard worst >= 0 else { return b }
            let r = support.reduce(c[worst]) { $0 - q[worst * m + $1] * b[$1] }
            signs[worst] = r > 0 ? 1 : -1
        }
        return nil
    }

    /// One pass over `list`; `s` holds g − Q(b − β), the negative gradient of the smooth part.
    func sweep(_ list: [Int], q: [Double], m: Int, lambda: Double, b: inout [Double], s: inout [Double]) -> Double {
        var dlx = 0.0
        q.withUnsafeBufferPointer { qb in
            s.withUnsafeMutableBufferPointer { sb in
                for j in list {
                    let qjj = qb[j * m + j]
                    guard qjj > 0 else { continue }
                    let u = sb[j] + qjj * b[j]
                    let updated = (u > lambda ? u - lambda : (u < -lambda ? u + lambda : 0)) / qjj
                    let d = updated - b[j]
                    guard d != 0 else { continue }
                    b[j] = updated
                    let row = j * m
                    for l in 0..<m { sb[l] -= qb[row + l] * d }
                    dlx = max(dlx, qjj * d * d)
                }
            }
        }
        return dlx
    }
}
