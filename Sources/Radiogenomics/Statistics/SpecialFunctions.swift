import Foundation

/// Special functions behind the p-values: log-gamma, the regularised incomplete beta function
/// and the Student t / hypergeometric tails built on them.
///
/// Kept local to Radiogenomics until Modeling's Statistics lands (the lead deduplicates).
public enum SpecialFunctions {
    /// log Γ(x) for x > 0 (libm `lgamma`).
    @inlinable public static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// The regularised incomplete beta I_x(a, b), given x and y = 1 − x separately so that
    /// callers can pass a y computed without cancellation.
    ///
    /// Continued fraction (Numerical Recipes §6.4, modified Lentz) evaluated on whichever side
    /// converges fast (x < (a+1)/(a+b+2)), the other side by the symmetry
    /// I_x(a,b) = 1 − I_y(b,a). Relative accuracy ~1e-14 on the side that is evaluated directly.
    public static func incompleteBeta(x: Double, y: Double, a: Double, b: Double) -> Double {
        if x.isNaN || y.isNaN || a <= 0 || b <= 0 { return .nan }
        return incompleteBeta(x: x, y: y, a: a, b: b, logBetaAB: logBeta(a, b))
    }

    /// I_x(a, b) with log B(a, b) supplied by the caller (hoisted out of loops that evaluate
    /// many x for one (a, b)); bit-identical to `incompleteBeta(x:y:a:b:)` since
    /// log B(a, b) = log B(b, a) exactly (IEEE addition commutes).
    @inline(__always)
    static func incompleteBeta(x: Double, y: Double, a: Double, b: Double, logBetaAB: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        if x < (a + 1) / (a + b + 2) {
            return exp(a * log(x) + b * log(y) - logBetaAB) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(b * log(y) + a * log(x) - logBetaAB) * continuedFraction(x: y, a: b, b: a) / b
    }

    /// The upper tail 1 − I_x(a, b) = I_y(b, a), accurate when it is small.
    public static func incompleteBetaComplement(x: Double, y: Double, a: Double, b: Double) -> Double {
        incompleteBeta(x: y, y: x, a: b, b: a)
    }

    private static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let eps = 1e-16
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let md = Double(m)
            let m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }

    /// Two-sided p-value of a Student t statistic with `df` degrees of freedom:
    /// P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
    public static func studentTwoSidedP(t: Double, df: Double) -> Double {
        if t.isNaN || df <= 0 { return .nan }
        if t.isInfinite { return 0 }
        let t2 = t * t
        let x = df / (df + t2)
        let y = t2 / (df + t2)
        return min(1, incompleteBeta(x: x, y: y, a: df / 2, b: 0.5))
    }

    /// Two-sided p-value of a correlation coefficient r from n pairs, as scipy's `pearsonr`
    /// (beta distribution on [−1, 1]; equal to the Student t test with n − 2 df):
    /// p = I_{1−r²}((n−2)/2, 1/2).
    public static func correlationTwoSidedP(r: Double, n: Int) -> Double {
        if n < 3 { return .nan }
        return CorrelationPValue(n: n).p(r)
    }

    /// Upper tail of the hypergeometric distribution P(X ≥ k) for X the number of marked items
    /// in a draw of `draws` from a population of `population` with `successes` marked,
    /// summed term by term from k upwards in a fixed order.
    public static func hypergeometricUpperTail(k: Int, population: Int, successes: Int, draws: Int) -> Double {
        let lo = max(0, draws - (population - successes))
        let hi = min(successes, draws)
        if k <= lo { return 1 }
        if k > hi { return 0 }
        let logDenominator = logChoose(population, draws)
        var sum = 0.0
        for i in k...hi {
            sum += exp(logChoose(successes, i) + logChoose(population - successes, draws - i) - logDenominator)
        }
        return min(1, sum)
    }

    /// log C(n, k).
    public static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}

/// The two-sided correlation p-value for one n, with log B((n−2)/2, 1/2) computed once: the
/// per-pair cost is then two logs, one exp and the continued fraction (three `lgamma` calls
/// less), with results bit-identical to `SpecialFunctions.correlationTwoSidedP`.
struct CorrelationPValue {
    let a: Double
    let logBetaAB: Double

    /// For n ≥ 3 pairs (df = n − 2).
    init(n: Int) {
        a = Double(n - 2) / 2
        logBetaAB = SpecialFunctions.logBeta(a, 0.5)
    }

    /// p = I_{1−r²}((n−2)/2, 1/2); NaN for NaN r, 0 for |r| = 1.
    @inline(__always)
    func p(_ r: Double) -> Double {
        if r.isNaN { return .nan }
        let ar = min(1, abs(r))
        if ar >= 1 { return 0 }
        let y = ar * ar
        let x = (1 - ar) * (1 + ar)
        return min(1, SpecialFunctions.incompleteBeta(x: x, y: y, a: a, b: 0.5, logBetaAB: logBetaAB))
    }
}
