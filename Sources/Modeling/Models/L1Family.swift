import Foundation

/// The likelihood an L1 path is fitted to: it supplies the quadratic approximation at η.
///
/// `working(eta)` returns the IRLS weights w (the diagonal of the Hessian of −log L in η,
/// bounded below) and the residuals r = ∂log L/∂η, so that the score of feature j is
/// (1/n) Σᵢ x_ij rᵢ (glmnet, Friedman et al. 2010 §3; Simon et al. 2011 for the Cox case).
protocol L1Family: Sendable {
    var fitIntercept: Bool { get }
    /// Initial intercept (the null model).
    var initialIntercept: Double { get }
    func working(eta: [Double]) -> (w: [Double], r: [Double])
    /// log-likelihood at η (partial for Cox).
    func logLikelihood(eta: [Double]) -> Double
    /// The full Hessian of −log L/n in the standardised coefficients of `columns` (m × m,
    /// row-major), or nil when the diagonal IRLS weights of `working` are already exact.
    func gram(eta: [Double], design: StandardizedDesign, columns: [Int]) -> [Double]?
}

extension L1Family {
    /// The binomial Hessian in η is diagonal, so glmnet's IRLS quadratic is the Newton model.
    func gram(eta: [Double], design: StandardizedDesign, columns: [Int]) -> [Double]? { nil }
}

/// Binomial family with the logit link.
struct BinomialFamily: L1Family {
    let y: [Double]
    var fitIntercept: Bool { true }

    var initialIntercept: Double {
        let m = y.reduce(0, +) / Double(y.count)
        return log(m / (1 - m))
    }

    func working(eta: [Double]) -> (w: [Double], r: [Double]) {
        var w = [Double](repeating: 0, count: y.count)
        var r = [Double](repeating: 0, count: y.count)
        for i in 0..<y.count {
            let mu = 1 / (1 + exp(-eta[i]))
            // Why: glmnet bounds the weights away from 0 so the quadratic approximation stays
            // strictly convex under (quasi-)separation; the fixed point is unchanged because r
            // uses the exact mean.
            w[i] = max(mu * (1 - mu), 1e-5)
            r[i] = y[i] - mu
        }
        return (w, r)
    }

    func logLikelihood(eta: [Double]) -> Double {
        var ll = 0.0
        for i in 0..<y.count { ll += y[i] * eta[i] - LogisticRegression.softplus(eta[i]) }
        return ll
    }
}

/// Cox partial likelihood with Breslow ties (glmnet's coxnet).
struct CoxBreslowFamily: L1Family {
    let survival: SurvivalData
    let groups: [(all: [Int], events: [Int])]
    var fitIntercept: Bool { false }
    var initialIntercept: Double { 0 }

    init(survival: SurvivalData) {
        self.survival = survival
        self.groups = survival.descendingTimeGroups()
    }

    /// Risk-set sums S0 per group (latest first), with exp(η − max η) for range safety.
    func riskSums(_ eta: [Double]) -> (e: [Double], s0: [Double], shift: Double) {
        let shift = eta.max() ?? 0
        let e = eta.map { exp($0 - shift) }
        var s0 = [Double](repeating: 0, count: groups.count)
        var running = 0.0
        for (k, g) in groups.enumerated() {
            for i in g.all { running += e[i] }
            s0[k] = running
        }
        return (e, s0, shift)
    }

    func working(eta: [Double]) -> (w: [Double], r: [Double]) {
        let (e, s0, _) = riskSums(eta)
        var w = [Double](repeating: 0, count: eta.count)
        var r = [Double](repeating: 0, count: eta.count)
        var a = 0.0
        var b = 0.0
        // From the earliest time upwards: subject i accumulates the hazard of every event
        // time t_k ≤ t_i.
        for k in stride(from: groups.count - 1, through: 0, by: -1) {
            let d = Double(groups[k].events.count)
            if d > 0 {
                a += d / s0[k]
                b += d / (s0[k] * s0[k])
            }
            for i in groups[k].all {
                r[i] = (survival.event[i] ? 1 : 0) - e[i] * a
                w[i] = max(e[i] * a - e[i] * e[i] * b, 0)
            }
        }
        return (w, r)
    }

    /// The exact Hessian (`CoxHessian`): ωᵢ = eᵢΣ_{t_k≤tᵢ} d_k/S₀_k and C_k = d_k/S₀_k².
    func gram(eta: [Double], design: StandardizedDesign, columns: [Int]) -> [Double]? {
        let (e, s0, _) = riskSums(eta)
        var omega = [Double](repeating: 0, count: eta.count)
        var terms = [CoxHessian.Terms](repeating: CoxHessian.Terms(), count: groups.count)
        var a = 0.0
        for k in stride(from: groups.count - 1, through: 0, by: -1) {
            let d = Double(groups[k].events.count)
            if d > 0 {
                a += d / s0[k]
                terms[k].c = d / (s0[k] * s0[k])
            }
            for i in groups[k].all { omega[i] = e[i] * a }
        }
        return CoxHessian.gram(design: design, columns: columns, e: e, omega: omega, groups: groups, terms: terms)
    }

    func logLikelihood(eta: [Double]) -> Double {
        let (_, s0, shift) = riskSums(eta)
        var ll = 0.0
        for (k, g) in groups.enumerated() where !g.events.isEmpty {
            for i in g.events { ll += eta[i] }
            ll -= Double(g.events.count) * (log(s0[k]) + shift)
        }
        return ll
    }
}
