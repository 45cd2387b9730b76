import Foundation

/// Pearson and Spearman correlation, with exact summation order (no BLAS), so the bits of
/// every coefficient are reproducible across machines.
public enum Correlation {
    /// Which correlation coefficient.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case pearson
        case spearman
    }

    /// Pearson's r with centred two-pass sums; NaN when either vector is constant.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "pearson: vectors of different lengths")
        let n = x.count
        guard n > 1 else { return .nan }
        let mx = x.reduce(0, +) / Double(n)
        let my = y.reduce(0, +) / Double(n)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx
            let dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// Spearman's ρ: Pearson's r of the average ranks (R's `cor(method = "spearman")`).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(Ranks.average(x), Ranks.average(y))
    }

    /// The coefficient for a method.
    public static func coefficient(_ method: Method, _ x: [Double], _ y: [Double]) -> Double {
        method == .pearson ? pearson(x, y) : spearman(x, y)
    }

    /// Two-sided p-value of H0: ρ = 0 with the t statistic's n − 2 df (R's `cor.test` for
    /// Pearson; the same asymptotic t approximation for Spearman), as `CorrelationPValue`.
    public static func pValue(r: Double, n: Int) -> Double {
        CorrelationPValue(n: n).p(r)
    }
}
