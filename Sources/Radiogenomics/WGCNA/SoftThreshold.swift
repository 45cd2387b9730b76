import Foundation
import LinearAlgebra

/// One row of WGCNA's `pickSoftThreshold()$fitIndices`.
public struct SoftThresholdFit: Sendable, Codable, Equatable {
    public var power: Int
    /// Scale-free fit R² of log10 p(k) on log10 k (`SFT.R.sq`, unsigned, as R's column 2).
    public var scaleFreeRSquared: Double
    /// −sign(slope) · R², the "signed R²" WGCNA's tutorials plot.
    public var signedRSquared: Double
    public var slope: Double
    /// Adjusted R² of the truncated-exponential model (`truncated R.sq`).
    public var truncatedRSquared: Double
    public var meanConnectivity: Double
    public var medianConnectivity: Double
    public var maxConnectivity: Double
}

/// `WGCNA::pickSoftThreshold` on a precomputed gene correlation matrix.
public enum SoftThreshold {
    /// Fit indices per power; powers are sorted ascending first, as R does.
    ///
    /// Connectivity k_j(β) = Σ_i a_ij(β) − 1 with a = |cor| (unsigned) or (1 + cor)/2
    /// (signed), raised to successive powers by multiplying with a^(β_t − β_{t−1}) as R's loop
    /// does; NaN correlations are skipped (`colSums(na.rm = TRUE)`).
    static func fitIndices(correlation c: Matrix, powers: [Int], signed: Bool, nBreaks: Int = 10)
        -> [SoftThresholdFit]
    {
        let ps = powers.sorted()
        let n = c.columns
        var k = Array(repeating: Array(repeating: 0.0, count: n), count: ps.count)
        var cur = Array(repeating: 1.0, count: n)
        for j in 0..<n {
            for i in 0..<n { cur[i] = 1 }
            var previous = 0
            for (t, p) in ps.enumerated() {
                let step = p - previous
                previous = p
                var sum = 0.0
                for i in 0..<n {
                    let r = c[i, j]
                    let a = i == j ? 1.0 : (signed ? (1 + r) / 2 : abs(r))
                    cur[i] *= rPower(a, step)
                    if !cur[i].isNaN { sum += cur[i] }
                }
                k[t][j] = sum - 1
            }
        }
        return ps.indices.map { t in fit(k[t], power: ps[t], nBreaks: nBreaks) }
    }

    /// R's `x^p` for a non-negative integer p: x·x for 2, libm `pow` otherwise (R_POW).
    @inline(__always) static func rPower(_ x: Double, _ p: Int) -> Double {
        if p == 2 { return x * x }
        if p == 1 { return x }
        return pow(x, Double(p))
    }

    /// The lowest power whose R² exceeds the cut (strictly, as `powerEstimate`), or nil.
    public static func powerEstimate(_ fits: [SoftThresholdFit], rSquaredCut: Double) -> Int? {
        fits.first { $0.scaleFreeRSquared > rSquaredCut }?.power
    }

    static func fit(_ k: [Double], power: Int, nBreaks: Int) -> SoftThresholdFit {
        let sf = ScaleFreeFit(k: k, nBreaks: nBreaks)
        let sorted = k.sorted()
        let n = k.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        return SoftThresholdFit(
            power: power, scaleFreeRSquared: sf.rSquared, signedRSquared: -(sf.slope < 0 ? -1 : 1) * sf.rSquared,
            slope: sf.slope, truncatedRSquared: sf.truncatedAdjustedRSquared, meanConnectivity: rMean(k),
            medianConnectivity: median, maxConnectivity: sorted.last ?? .nan)
    }

    /// R's `mean`: the sum divided by n, then corrected by the mean residual.
    static func rMean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        var s = 0.0
        for v in x { s += v }
        let m = s / Double(x.count)
        var t = 0.0
        for v in x { t += v - m }
        return m + t / Double(x.count)
    }
}
