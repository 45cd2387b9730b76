import Foundation
import RadVaultCore

/// Unpenalised Cox proportional-hazards regression by Newton–Raphson on the partial
/// likelihood, with Efron or Breslow handling of ties (Therneau & Grambsch 2000, §3.3; R's
/// `coxph`).
public enum CoxRegression {
    /// A fitted Cox model.
    public struct Fit: Codable, Sendable, Equatable {
        public var coefficients: [Double]
        public var standardErrors: [Double]
        public var pValues: [Double]
        public var logLikelihood: Double
        public var iterations: Int
    }

    /// Partial log-likelihood, gradient and information matrix at β.
    struct Evaluation {
        var logLik: Double
        var gradient: [Double]
        var information: [[Double]]
    }

    /// Fits the model; `columns[j][i]` is covariate j of subject i.
    ///
    /// Covariates are centred first (the coefficients do not change; exp(η) stays in range).
    /// Step-halving when the likelihood decreases; stops when the step is below 1e-11 relative.
    public static func fit(
        columns: [[Double]], survival: SurvivalData, ties: CoxTies, maxIterations: Int = 100
    ) throws -> Fit {
        guard survival.event.contains(true) else {
            throw RadVaultError.invalidInput("Cox regression: every subject is censored (no events)")
        }
        let p = columns.count
        let centred = columns.map { c -> [Double] in
            let m = c.reduce(0, +) / Double(c.count)
            return c.map { $0 - m }
        }
        let groups = survival.descendingTimeGroups()
        var beta = [Double](repeating: 0, count: p)
        var current = evaluate(centred, groups, beta, ties)
        var iterations = 0
        for iteration in 1...maxIterations {
            iterations = iteration
            let step = try DenseSolver.solve(current.information, current.gradient, what: "Cox regression")
            var scale = 1.0
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = evaluate(centred, groups, candidate, ties)
            while !(next.logLik >= current.logLik - 1e-12 * abs(current.logLik)), scale > 1e-6 {
                scale /= 2
                candidate = (0..<p).map { beta[$0] + scale * step[$0] }
                next = evaluate(centred, groups, candidate, ties)
            }
            beta = candidate
            current = next
            if (0..<p).allSatisfy({ abs(scale * step[$0]) <= 1e-11 * (1 + abs(beta[$0])) }) { break }
        }
        let se = (DenseSolver.inverseDiagonal(current.information) ?? [Double](repeating: .nan, count: p))
            .map { $0.squareRoot() }
        let pv = (0..<p).map { 2 * NormalDistribution().sf(abs(beta[$0] / se[$0])) }
        return Fit(
            coefficients: beta, standardErrors: se, pValues: pv, logLikelihood: current.logLik,
            iterations: iterations)
    }

    /// Partial likelihood pieces by one sweep from the latest time backwards (risk sets grow).
    static func evaluate(
        _ x: [[Double]], _ groups: [(all: [Int], events: [Int])], _ beta: [Double], _ ties: CoxTies
    ) -> Evaluation {
        let p = x.count
        var s0 = 0.0
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var ll = 0.0
        var grad = [Double](repeating: 0, count: p)
        var info = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        func eta(_ i: Int) -> Double { (0..<p).reduce(0.0) { $0 + x[$1][i] * beta[$1] } }
        for group in groups {
            var e0 = 0.0
            var e1 = [Double](repeating: 0, count: p)
            var e2 = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            let eventSet = Set(group.events)
            for i in group.all {
                let w = exp(eta(i))
                s0 += w
                for j in 0..<p {
                    s1[j] += w * x[j][i]
                    for k in 0...j { s2[j][k] += w * x[j][i] * x[k][i] }
                }
                guard eventSet.contains(i) else { continue }
                e0 += w
                ll += eta(i)
                for j in 0..<p {
                    e1[j] += w * x[j][i]
                    grad[j] += x[j][i]
                    for k in 0...j { e2[j][k] += w * x[j][i] * x[k][i] }
                }
            }
            let d = group.events.count
            for l in 0..<d {
                // Why: Efron removes the average share l/d of the tied events from the risk set
                // at the l-th of d tied deaths; Breslow keeps the whole risk set (f = 0).
                let f = ties == .efron ? Double(l) / Double(d) : 0
                let phi = s0 - f * e0
                ll -= log(phi)
                for j in 0..<p {
                    let m1 = (s1[j] - f * e1[j]) / phi
                    grad[j] -= m1
                    for k in 0...j {
                        let m2 = (s2[j][k] - f * e2[j][k]) / phi
                        info[j][k] += m2 - m1 * (s1[k] - f * e1[k]) / phi
                    }
                }
            }
        }
        for j in 0..<p { for k in 0..<j { info[k][j] = info[j][k] } }
        return Evaluation(logLik: ll, gradient: grad, information: info)
    }
}
