import Foundation

/// The hypergeometric distribution (over-representation tests in enrichment analysis).
///
/// Probabilities follow R's `dhyper`/`phyper`: each point probability is a ratio of three
/// binomial probabilities computed by Loader's saddle-point method (C. Loader, "Fast and
/// accurate computation of binomial probabilities", 2000: Stirling-series remainders and the
/// deviance term bd0, no log Γ of large arguments), and a tail is the point probability times
/// the sum of the term ratios over the shorter side. Relative accuracy is about 1e-14, where
/// summing log-gamma terms loses ε·log Γ(N) (1e-11 for N ≈ 2·10⁴).
public enum Hypergeometric {
    /// P(X ≥ k) when drawing `draws` items without replacement from a population of
    /// `population` items of which `successes` are successes (R's `phyper(k - 1, …,
    /// lower.tail = FALSE)`); 1 for k ≤ max(0, draws + successes − population), 0 above
    /// min(draws, successes), NaN for inconsistent counts.
    public static func upperTail(k: Int, population: Int, successes: Int, draws: Int) -> Double {
        guard population >= 0, successes >= 0, successes <= population, draws >= 0, draws <= population else {
            return .nan
        }
        let lowest = max(0, draws + successes - population)
        let highest = min(draws, successes)
        if k <= lowest { return 1 }
        if k > highest { return 0 }
        return distribution(
            Double(k - 1), red: Double(successes), black: Double(population - successes), draws: Double(draws),
            lowerTail: false)
    }

    /// P(X ≤ x) (or P(X > x)) for x red balls among `draws` from `red` + `black` (R's `phyper`).
    static func distribution(_ x: Double, red: Double, black: Double, draws n: Double, lowerTail: Bool) -> Double {
        var (x, nr, nb, lower) = (x, red, black, lowerTail)
        // Why: sum over the shorter tail, swapping colours (R's phyper).
        if x * (nr + nb) > n * nr {
            swap(&nr, &nb)
            x = n - x - 1
            lower.toggle()
        }
        if x < 0 || x < n - nb { return lower ? 0 : 1 }
        if x >= nr || x >= n { return lower ? 1 : 0 }
        let d = density(x, red: nr, black: nb, draws: n)
        var sum = 0.0
        var term = 1.0
        var i = x
        while i > 0 && term >= Double.ulpOfOne * sum {
            term *= i * (nb - n + i) / (n + 1 - i) / (nr + 1 - i)
            sum += term
            i -= 1
        }
        let p = d * (1 + sum)
        return lower ? p : 0.5 - p + 0.5
    }

    /// P(X = x) (R's `dhyper`): dbinom(x; r, p)·dbinom(n−x; b, p)/dbinom(n; r+b, p), p = n/(r+b).
    static func density(_ x: Double, red r: Double, black b: Double, draws n: Double) -> Double {
        if n < x || r < x || n - x > b { return 0 }
        if n == 0 { return x == 0 ? 1 : 0 }
        let p = n / (r + b)
        let q = (r + b - n) / (r + b)
        return binomialDensity(x, r, p, q) * binomialDensity(n - x, b, p, q) / binomialDensity(n, r + b, p, q)
    }

    /// log P(X = x).
    public static func logPMF(_ x: Int, population: Int, successes: Int, draws: Int) -> Double {
        log(density(Double(x), red: Double(successes), black: Double(population - successes), draws: Double(draws)))
    }

    /// Binomial probability of x successes in n trials with success probability p, q = 1 − p
    /// (Loader's dbinom_raw).
    static func binomialDensity(_ x: Double, _ n: Double, _ p: Double, _ q: Double) -> Double {
        if p == 0 { return x == 0 ? 1 : 0 }
        if q == 0 { return x == n ? 1 : 0 }
        if x == 0 {
            if n == 0 { return 1 }
            return exp(p < 0.1 ? -deviance(n, n * q) - n * p : n * log(q))
        }
        if x == n { return exp(q < 0.1 ? -deviance(n, n * p) - n * q : n * log(p)) }
        if x < 0 || x > n { return 0 }
        let lc =
            stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p)
            - deviance(n - x, n * q)
        let lf = log(2 * Double.pi) + log(x) + log1p(-x / n)
        return exp(lc - 0.5 * lf)
    }

    /// bd0(x, np) = x log(x/np) + np − x, by its series when x ≈ np (Loader 2000).
    static func deviance(_ x: Double, _ np: Double) -> Double {
        if abs(x - np) < 0.1 * (x + np) {
            var v = (x - np) / (x + np)
            var s = (x - np) * v
            if abs(s) < Double.leastNormalMagnitude { return s }
            var ej = 2 * x * v
            v *= v
            for j in 1..<1000 {
                ej *= v
                let s1 = s + ej / Double(2 * j + 1)
                if s1 == s { return s1 }
                s = s1
            }
        }
        return x * log(x / np) + np - x
    }

    /// log(n!) − log(√(2πn)(n/e)ⁿ): a table at half-integers up to 15 (values from mpmath),
    /// the Stirling series beyond (Abramowitz & Stegun 6.1.41).
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            let twice = 2 * n
            if twice == twice.rounded() { return stirlingHalves[Int(twice)] }
            return logGamma1p(n) - (n + 0.5) * log(n) + n - 0.5 * log(2 * Double.pi)
        }
        let nn = n * n
        let s0 = 1.0 / 12
        let s1 = 1.0 / 360
        let s2 = 1.0 / 1260
        let s3 = 1.0 / 1680
        let s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// log Γ(n + 1).
    static func logGamma1p(_ n: Double) -> Double { SpecialFunctions.logGamma(n + 1) }

    /// stirlingError(k/2) for k = 0…30.
    static let stirlingHalves: [Double] = [
        0.0, 0.15342640972002734529, 0.08106146679532725822, 0.054814121051917653896,
        0.041340695955409294094, 0.033162873519936287485, 0.027677925684998339149, 0.023746163656297495971,
        0.020790672103765093112, 0.018488450532673185231, 0.016644691189821192163, 0.015134973221917378874,
        0.013876128823070747999, 0.012810465242920226924, 0.011896709945891770095, 0.011104559758206917327,
        0.010411265261972096497, 0.0097994161261588032984, 0.0092554621827127329177, 0.008768700134139385463,
        0.0083305634333628712565, 0.0079341145643140205472, 0.007573675487951840795, 0.0072445543013203831795,
        0.0069428401072095298657, 0.0066652470327076824424, 0.0064089941880042070684, 0.0061717122630394576475,
        0.0059513701127588477356, 0.005746216513010115682, 0.005554733551962801371,
    ]
}
