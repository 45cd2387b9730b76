import Foundation

/// A Kaplan–Meier survival curve as data: one row per distinct time (events or censorings).
public struct KaplanMeierCurve: Codable, Sendable, Equatable {
    public var label: String
    public var time: [Double]
    public var atRisk: [Int]
    public var events: [Int]
    public var survival: [Double]

    /// Product-limit estimate Ŝ(t) = Π_{tₖ ≤ t} (1 − dₖ/nₖ) (Kaplan & Meier 1958), starting with
    /// a row at time 0 (lifelines' `survival_function_` layout).
    public static func estimate(_ s: SurvivalData, label: String) -> KaplanMeierCurve {
        let times = Array(Set(s.time)).sorted()
        var curve = KaplanMeierCurve(label: label, time: [0], atRisk: [s.count], events: [0], survival: [1])
        var current = 1.0
        for t in times {
            let atRisk = s.time.filter { $0 >= t }.count
            let d = s.time.indices.filter { s.time[$0] == t && s.event[$0] }.count
            current *= 1 - Double(d) / Double(atRisk)
            if t == 0 {
                curve.events[0] = d
                curve.survival[0] = current
                continue
            }
            curve.time.append(t)
            curve.atRisk.append(atRisk)
            curve.events.append(d)
            curve.survival.append(current)
        }
        return curve
    }
}

/// The log-rank test of two or more groups (Mantel 1966; R's `survdiff`, lifelines'
/// `logrank_test`).
public enum LogRank {
    /// χ² statistic with (groups − 1) df and its p-value; `group[i]` in 0..<groups.
    public static func test(_ s: SurvivalData, group: [Int]) -> (chiSquare: Double, pValue: Double) {
        let g = (group.max() ?? 0) + 1
        guard g >= 2 else { return (.nan, .nan) }
        var observedMinusExpected = [Double](repeating: 0, count: g)
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: g), count: g)
        for t in Array(Set(s.time.indices.filter { s.event[$0] }.map { s.time[$0] })).sorted() {
            var n = [Double](repeating: 0, count: g)
            var d = [Double](repeating: 0, count: g)
            for i in s.time.indices where s.time[i] >= t {
                n[group[i]] += 1
                if s.time[i] == t, s.event[i] { d[group[i]] += 1 }
            }
            let nt = n.reduce(0, +)
            let dt = d.reduce(0, +)
            guard nt > 0 else { continue }
            for a in 0..<g {
                observedMinusExpected[a] += d[a] - dt * n[a] / nt
                guard nt > 1 else { continue }
                for b in 0..<g {
                    let delta: Double = a == b ? 1 : 0
                    covariance[a][b] += dt * (nt - dt) / (nt - 1) * n[a] / nt * (delta - n[b] / nt)
                }
            }
        }
        // Drop the last group (the covariance is singular) and solve.
        let k = g - 1
        let v = (0..<k).map { a in (0..<k).map { covariance[a][$0] } }
        let u = Array(observedMinusExpected.prefix(k))
        guard let x = try? DenseSolver.solve(v, u, what: "log-rank") else { return (.nan, .nan) }
        let chi = zip(u, x).reduce(0.0) { $0 + $1.0 * $1.1 }
        return (chi, ChiSquareDistribution(degreesOfFreedom: Double(k)).sf(chi))
    }
}
