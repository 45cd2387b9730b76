import Foundation

/// Cox partial likelihood with Efron's handling of tied event times, for the L1 path.
///
/// At a time with d tied events E (risk-set sum S₀, event sum E), Efron's term is
/// Σ_{i∈D} ηᵢ − Σ_{l<d} log φ_l with φ_l = S₀ − (l/d)·E (Efron 1977, JASA 72:557; R `coxph`'s
/// default). Subject i's derivative of φ_l is eᵢ·cᵢ with cᵢ = 1 in every risk set it belongs
/// to, except 1 − l/d at its own event time; so with A = Σ_l 1/φ_l, B = Σ_l (l/d)/φ_l,
/// C = Σ_l 1/φ_l², D = Σ_l (l/d)/φ_l², F = Σ_l (l/d)²/φ_l² per event time:
/// rᵢ = δᵢ − eᵢ(Σ_{t_k≤tᵢ} A_k − δᵢB) and the diagonal Hessian
/// wᵢ = eᵢ(Σ A_k − δᵢB) − eᵢ²(Σ C_k − δᵢ(2D − F)). With one event per time this is
/// `CoxBreslowFamily`. glmnet's coxnet and scikit-survival implement only Breslow; the
/// reference here is a direct solve of the penalised Efron likelihood of statsmodels' PHReg
/// (make_fixtures.py).
struct CoxEfronFamily: L1Family {
    let survival: SurvivalData
    let groups: [(all: [Int], events: [Int])]
    var fitIntercept: Bool { false }
    var initialIntercept: Double { 0 }

    init(survival: SurvivalData) {
        self.survival = survival
        self.groups = survival.descendingTimeGroups()
    }

    /// Per event time (latest first): the five sums of the doc comment, from exp(η − max η).
    struct TimeSums {
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0, f = 0.0
        var logPhi = 0.0
    }

    func sums(_ eta: [Double]) -> (e: [Double], times: [TimeSums], shift: Double) {
        let shift = eta.max() ?? 0
        let e = eta.map { exp($0 - shift) }
        var times = [TimeSums](repeating: TimeSums(), count: groups.count)
        var s0 = 0.0
        for (k, g) in groups.enumerated() {
            for i in g.all { s0 += e[i] }
            let d = Double(g.events.count)
            let eventSum = g.events.reduce(0.0) { $0 + e[$1] }
            for l in 0..<g.events.count {
                let share = Double(l) / d
                let phi = s0 - share * eventSum
                times[k].a += 1 / phi
                times[k].b += share / phi
                times[k].c += 1 / (phi * phi)
                times[k].d += share / (phi * phi)
                times[k].f += share * share / (phi * phi)
                times[k].logPhi += log(phi)
            }
        }
        return (e, times, shift)
    }

    func working(eta: [Double]) -> (w: [Double], r: [Double]) {
        let (e, times, _) = sums(eta)
        var w = [Double](repeating: 0, count: eta.count)
        var r = [Double](repeating: 0, count: eta.count)
        var a = 0.0
        var c = 0.0
        // From the earliest time upwards: subject i is in the risk set of every t_k ≤ tᵢ.
        for k in stride(from: groups.count - 1, through: 0, by: -1) {
            let t = times[k]
            a += t.a
            c += t.c
            for i in groups[k].all {
                let own = survival.event[i]
                let first = own ? a - t.b : a
                let second = own ? c - 2 * t.d + t.f : c
                r[i] = (own ? 1 : 0) - e[i] * first
                w[i] = max(e[i] * first - e[i] * e[i] * second, 0)
            }
        }
        return (w, r)
    }

    /// The exact Hessian (`CoxHessian`): ωᵢ = eᵢ(Σ A_k − δᵢB) and (C_k, D_k, F_k) per event time.
    func gram(eta: [Double], design: StandardizedDesign, columns: [Int]) -> [Double]? {
        let (e, times, _) = sums(eta)
        var omega = [Double](repeating: 0, count: eta.count)
        var a = 0.0
        for k in stride(from: groups.count - 1, through: 0, by: -1) {
            a += times[k].a
            for i in groups[k].all { omega[i] = e[i] * (survival.event[i] ? a - times[k].b : a) }
        }
        let terms = times.map { CoxHessian.Terms(c: $0.c, d: $0.d, f: $0.f) }
        return CoxHessian.gram(design: design, columns: columns, e: e, omega: omega, groups: groups, terms: terms)
    }

    func logLikelihood(eta: [Double]) -> Double {
        let (_, times, shift) = sums(eta)
        var ll = 0.0
        for (k, g) in groups.enumerated() where !g.events.isEmpty {
            for i in g.events { ll += eta[i] }
            ll -= times[k].logPhi + Double(g.events.count) * shift
        }
        return ll
    }

    /// The supremum of Efron's partial likelihood: −Σ_k log(d_k!) (each tied group alone at
    /// the top of its risk set with equal hazards).
    var saturatedLogLikelihood: Double {
        groups.reduce(0.0) { $0 - lgamma(Double($1.events.count) + 1) }
    }
}
