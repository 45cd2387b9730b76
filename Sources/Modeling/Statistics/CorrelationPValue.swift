import Foundation

/// The two-sided p-value of a correlation coefficient from n pairs, with log B((n−2)/2, ½)
/// computed once for many r.
///
/// p = I_{1−r²}((n−2)/2, ½): the beta distribution of r on [−1, 1] under H0 (scipy's
/// `pearsonr`), equal to the two-sided Student t test of t = r√((n−2)/(1−r²)) with n − 2 df
/// (R's `cor.test`), but without forming t, so no digits are lost for |r| near 1. 1 − r² is
/// formed as (1 − |r|)(1 + |r|) and r² directly, each without cancellation.
public struct CorrelationPValue: Sendable {
    /// The number of complete pairs.
    public let n: Int
    @usableFromInline let a: Double
    @usableFromInline let logBetaAB: Double

    /// For n pairs (p is NaN for n < 3).
    public init(n: Int) {
        self.n = n
        a = Double(max(n, 3) - 2) / 2
        logBetaAB = SpecialFunctions.logBeta(a, 0.5)
    }

    /// p for one r: NaN for NaN r or n < 3, 0 for |r| ≥ 1, 1 at r = 0.
    @inlinable public func p(_ r: Double) -> Double {
        if n < 3 || r.isNaN { return .nan }
        let ar = min(1, abs(r))
        if ar >= 1 { return 0 }
        let y = ar * ar
        let x = (1 - ar) * (1 + ar)
        return min(1, SpecialFunctions.betaI(x, complement: y, a, 0.5, logBeta: logBetaAB))
    }
}
