import Foundation

/// A continuous distribution with a CDF, a survival function and quantiles.
///
/// The survival function is computed directly (not as 1 − CDF) so upper-tail p-values keep
/// their relative accuracy far into the tail.
public protocol ContinuousDistribution: Sendable {
    /// P(X ≤ x).
    func cdf(_ x: Double) -> Double
    /// P(X > x).
    func sf(_ x: Double) -> Double
    /// The x with P(X ≤ x) = p, for 0 < p < 1 (−∞/+∞ at 0/1, NaN outside).
    func quantile(_ p: Double) -> Double
}

extension ContinuousDistribution {
    /// Quantile of a distribution supported on [0, ∞): bisection on the CDF in the lower half and
    /// on the survival function in the upper half, for relative accuracy in both tails.
    func positiveQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        if p <= 0.5 {
            return SpecialFunctions.invertIncreasing({ cdf($0) }, target: p, lower: 0, upper: 1)
        }
        return SpecialFunctions.invertIncreasing({ -sf($0) }, target: -(1 - p), lower: 0, upper: 1)
    }
}

/// The normal distribution N(mean, sd²).
public struct NormalDistribution: ContinuousDistribution {
    public var mean: Double
    public var sd: Double

    public init(mean: Double = 0, sd: Double = 1) {
        self.mean = mean
        self.sd = sd
    }

    public func cdf(_ x: Double) -> Double {
        0.5 * SpecialFunctions.erfc(-(x - mean) / (sd * 2.0.squareRoot()))
    }

    public func sf(_ x: Double) -> Double {
        0.5 * SpecialFunctions.erfc((x - mean) / (sd * 2.0.squareRoot()))
    }

    public func quantile(_ p: Double) -> Double { mean + sd * Self.standardQuantile(p) }

    /// Standard normal quantile: Wichura's algorithm AS 241 (PPND16), relative accuracy ~1e-16.
    public static func standardQuantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * poly(AS241.a, r) / poly(AS241.b, r)
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        let value: Double
        if r <= 5 {
            r -= 1.6
            value = poly(AS241.c, r) / poly(AS241.d, r)
        } else {
            r -= 5
            value = poly(AS241.e, r) / poly(AS241.f, r)
        }
        return q < 0 ? -value : value
    }

    /// Horner evaluation of Σ c[i] rⁱ.
    static func poly(_ c: [Double], _ r: Double) -> Double {
        var s = 0.0
        for coefficient in c.reversed() { s = s * r + coefficient }
        return s
    }

    /// Coefficients of AS 241 (Wichura, Applied Statistics 37:477–484, 1988).
    enum AS241 {
        static let a: [Double] = [
            3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
            1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
            3.3430575583588128105e+4, 2.5090809287301226727e+3,
        ]
        static let b: [Double] = [
            1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
            2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
            5.2264952788528545610e+3,
        ]
        static let c: [Double] = [
            1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
            3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
            2.27238449892691845833e-2, 7.74545014278341407640e-4,
        ]
        static let d: [Double] = [
            1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
            1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
            1.05075007164441684324e-9,
        ]
        static let e: [Double] = [
            6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
            2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
            2.71155556874348757815e-5, 2.01033439929228813265e-7,
        ]
        static let f: [Double] = [
            1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
            7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
            2.04426310338993978564e-15,
        ]
    }
}

/// Student's t distribution with ν degrees of freedom (ν > 0, not necessarily an integer).
public struct StudentTDistribution: ContinuousDistribution {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    /// P(T > |t|) = ½ I_{ν/(ν+t²)}(ν/2, ½), with ν/(ν+t²) and its complement t²/(ν+t²) formed
    /// separately so neither loses digits to cancellation.
    func tail(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let t2 = t * t
        return 0.5 * SpecialFunctions.betaI(nu / (nu + t2), complement: t2 / (nu + t2), nu / 2, 0.5)
    }

    public func sf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return t >= 0 ? tail(t) : 1 - tail(t)
    }

    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return t <= 0 ? tail(t) : 1 - tail(t)
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        if p == 0 { return -.infinity }
        if p < 0.5 {
            // By symmetry, quantile(p) = −t with sf(t) = p.
            let t = SpecialFunctions.invertIncreasing({ -sf($0) }, target: -p, lower: 0, upper: 1)
            return -t
        }
        if p == 1 { return .infinity }
        return SpecialFunctions.invertIncreasing({ -sf($0) }, target: -(1 - p), lower: 0, upper: 1)
    }
}

/// The χ² distribution with k degrees of freedom: P(X ≤ x) = P(k/2, x/2).
public struct ChiSquareDistribution: ContinuousDistribution {
    public var degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) { self.degreesOfFreedom = degreesOfFreedom }

    public func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : SpecialFunctions.gammaP(degreesOfFreedom / 2, x / 2)
    }

    public func sf(_ x: Double) -> Double {
        x <= 0 ? 1 : SpecialFunctions.gammaQ(degreesOfFreedom / 2, x / 2)
    }

    public func quantile(_ p: Double) -> Double { positiveQuantile(p) }
}

/// The F distribution with (d1, d2) degrees of freedom: P(X ≤ x) = I_{d1x/(d1x+d2)}(d1/2, d2/2).
public struct FDistribution: ContinuousDistribution {
    public var d1: Double
    public var d2: Double

    public init(d1: Double, d2: Double) {
        self.d1 = d1
        self.d2 = d2
    }

    public func cdf(_ x: Double) -> Double {
        x <= 0 ? 0 : SpecialFunctions.betaI(d1 * x / (d1 * x + d2), complement: d2 / (d1 * x + d2), d1 / 2, d2 / 2)
    }

    public func sf(_ x: Double) -> Double {
        x <= 0 ? 1 : SpecialFunctions.betaI(d2 / (d2 + d1 * x), complement: d1 * x / (d2 + d1 * x), d2 / 2, d1 / 2)
    }

    public func quantile(_ p: Double) -> Double { positiveQuantile(p) }
}
