/// The inner solver shared by the L1 paths: cyclic coordinate descent on a weighted
/// least-squares problem with an L1 penalty (Friedman, Hastie & Tibshirani 2010, J Stat Softw
/// 33(1), §2–3; glmnet's `elnet`/`lognet` inner loop).
///
/// Minimises (1/2n) Σ wᵢ (zᵢ − β₀ − xᵢᵀβ)² + λ‖β‖₁ given the working residuals
/// rᵢ = wᵢ(zᵢ − ηᵢ), updating β, the intercept, the residuals and η in place. Sweeps the
/// `candidates` once, then iterates on the active set until the largest weighted squared
/// change is below `threshold`, then sweeps the candidates again (glmnet's active-set cycling);
/// stops when a full sweep changes nothing above the threshold.
struct CoordinateDescent {
    let design: StandardizedDesign
    let fitIntercept: Bool
    let threshold: Double
    let maxSweeps: Int

    /// One penalised weighted least-squares solve. Returns the number of sweeps used.
    @discardableResult
    func solve(
        lambda: Double, weights w: [Double], residuals r: inout [Double], eta: inout [Double],
        beta: inout [Double], intercept: inout Double, candidates: [Int], active: inout [Bool]
    ) -> Int {
        let n = design.n
        let nd = Double(n)
        var xv = [Double](repeating: -1, count: design.p)
        let sumW = w.reduce(0, +)
        var sweeps = 0
        var fullSweep = true
        while sweeps < maxSweeps {
            sweeps += 1
            var dlx = 0.0
            if fitIntercept, sumW > 0 {
                let d = r.reduce(0, +) / sumW
                if d != 0 {
                    intercept += d
                    for i in 0..<n {
                        r[i] -= w[i] * d
                        eta[i] += d
                    }
                    dlx = max(dlx, sumW / nd * d * d)
                }
            }
            let list = fullSweep ? candidates : candidates.filter { active[$0] }
            dlx = max(dlx, sweep(list, lambda: lambda, w: w, r: &r, eta: &eta, beta: &beta, xv: &xv, active: &active))
            if dlx < threshold {
                if fullSweep { break }
                fullSweep = true
            } else {
                fullSweep = false
            }
        }
        return sweeps
    }

    /// One pass over `list`; returns the largest v_j Δβ_j². Raw buffers keep the O(n) loops free
    /// of bounds and exclusivity checks (the hot path of every L1 fit).
    func sweep(
        _ list: [Int], lambda: Double, w: [Double], r: inout [Double], eta: inout [Double], beta: inout [Double],
        xv: inout [Double], active: inout [Bool]
    ) -> Double {
        let n = design.n
        let nd = Double(n)
        var dlx = 0.0
        design.x.withUnsafeBufferPointer { xb in
            w.withUnsafeBufferPointer { wb in
                r.withUnsafeMutableBufferPointer { rb in
                    eta.withUnsafeMutableBufferPointer { eb in
                        for j in list {
                            let col = UnsafeBufferPointer(rebasing: xb[(j * n)..<((j + 1) * n)])
                            if xv[j] < 0 {
                                var s = 0.0
                                for i in 0..<n { s += wb[i] * col[i] * col[i] }
                                xv[j] = s / nd
                            }
                            guard xv[j] > 0 else { continue }
                            var g = 0.0
                            for i in 0..<n { g += col[i] * rb[i] }
                            let u = g / nd + xv[j] * beta[j]
                            let updated = softThreshold(u, lambda) / xv[j]
                            let d = updated - beta[j]
                            guard d != 0 else { continue }
                            beta[j] = updated
                            active[j] = true
                            for i in 0..<n {
                                let step = col[i] * d
                                rb[i] -= wb[i] * step
                                eb[i] += step
                            }
                            dlx = max(dlx, xv[j] * d * d)
                        }
                    }
                }
            }
        }
        return dlx
    }

    @inline(__always) func softThreshold(_ u: Double, _ lambda: Double) -> Double {
        u > lambda ? u - lambda : (u < -lambda ? u + lambda : 0)
    }
}
