import Foundation

/// Two-sample tests used by the univariate filters.
public enum UnivariateTests {
    /// A test statistic and its two-sided p-value.
    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var pValue: Double
    }

    /// Mann–Whitney U test of `x` (group 1) against `y` (group 0), two-sided, by the normal
    /// approximation with tie correction and continuity correction — SciPy's
    /// `mannwhitneyu(x, y, method="asymptotic", use_continuity=True)` and R's `wilcox.test(exact
    /// = FALSE, correct = TRUE)`. The statistic is U of `x`.
    public static func mannWhitney(_ x: [Double], _ y: [Double]) -> Result {
        let n1 = Double(x.count)
        let n2 = Double(y.count)
        guard n1 > 0, n2 > 0 else { return Result(statistic: .nan, pValue: .nan) }
        let (ranks, ties) = Ranks.averageWithTies(x + y)
        let r1 = ranks[0..<x.count].reduce(0, +)
        let u = r1 - n1 * (n1 + 1) / 2
        let n = n1 + n2
        let tieTerm = ties.reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else { return Result(statistic: u, pValue: 1) }
        let mu = n1 * n2 / 2
        let z = max(0, abs(u - mu) - 0.5) / variance.squareRoot()
        return Result(statistic: u, pValue: min(1, 2 * NormalDistribution().sf(z)))
    }

    /// Welch's unequal-variance t test of mean(x) − mean(y), two-sided, with
    /// Welch–Satterthwaite degrees of freedom (R's `t.test(var.equal = FALSE)`).
    public static func welch(_ x: [Double], _ y: [Double]) -> Result {
        guard x.count > 1, y.count > 1 else { return Result(statistic: .nan, pValue: .nan) }
        let (m1, v1) = meanVariance(x)
        let (m2, v2) = meanVariance(y)
        let s1 = v1 / Double(x.count)
        let s2 = v2 / Double(y.count)
        let se = (s1 + s2).squareRoot()
        guard se > 0 else { return Result(statistic: .nan, pValue: .nan) }
        let t = (m1 - m2) / se
        let df = (s1 + s2) * (s1 + s2) / (s1 * s1 / Double(x.count - 1) + s2 * s2 / Double(y.count - 1))
        return Result(statistic: t, pValue: min(1, 2 * StudentTDistribution(degreesOfFreedom: df).sf(abs(t))))
    }

    /// Mean and unbiased (n − 1) variance, two-pass.
    public static func meanVariance(_ x: [Double]) -> (mean: Double, variance: Double) {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        var ss = 0.0
        for v in x { ss += (v - mean) * (v - mean) }
        return (mean, x.count > 1 ? ss / (n - 1) : .nan)
    }
}
