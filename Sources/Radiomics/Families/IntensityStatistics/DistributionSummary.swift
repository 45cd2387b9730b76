import Foundation

/// First-order summary of a sample of intensities, shared by the intensity-statistics
/// (IBSI-1 §3.3) and intensity-histogram (§3.4) families, which apply the same formulas to
/// the raw and to the discretised intensities respectively.
///
/// Sums run in a fixed order (the sorted sample, ascending) so that the result does not
/// depend on the voxel order of the mask. Percentiles use linear interpolation between order
/// statistics (Hyndman–Fan type 7, numpy's default, which MIRP uses); with it the digital
/// phantom's 90th percentile is 4, as the IBSI reference value states.
struct DistributionSummary: Sendable {
    let count: Int
    let mean: Double
    /// Biased (population) variance, as IBSI defines it (division by N_v).
    let variance: Double
    let skewness: Double
    /// Excess (Fisher) kurtosis.
    let kurtosis: Double
    let minimum: Double
    let maximum: Double
    let median: Double
    let p10: Double
    let p25: Double
    let p75: Double
    let p90: Double
    let meanAbsoluteDeviation: Double
    let robustMeanAbsoluteDeviation: Double
    let medianAbsoluteDeviation: Double
    let energy: Double

    /// Summarises `values`, which must not be empty.
    init(values: [Double]) {
        let sorted = AscendingSort.sorted(values)
        let n = Double(sorted.count)
        count = sorted.count
        let mu = Self.sum(sorted) / n
        mean = mu
        var m2 = 0.0, m3 = 0.0, m4 = 0.0, absDev = 0.0, squares = 0.0
        for x in sorted {
            let d = x - mu
            let d2 = d * d
            m2 += d2
            m3 += d2 * d
            m4 += d2 * d2
            absDev += abs(d)
            squares += x * x
        }
        m2 /= n
        m3 /= n
        m4 /= n
        variance = m2
        // IBSI §3.3.3/§3.3.4: skewness and kurtosis are 0 when the variance is 0.
        skewness = m2 > 0 ? m3 / pow(m2, 1.5) : 0
        kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0
        minimum = sorted.first ?? 0
        maximum = sorted.last ?? 0
        median = Self.percentile(sorted, 50)
        p10 = Self.percentile(sorted, 10)
        p25 = Self.percentile(sorted, 25)
        p75 = Self.percentile(sorted, 75)
        p90 = Self.percentile(sorted, 90)
        meanAbsoluteDeviation = absDev / n
        energy = squares
        robustMeanAbsoluteDeviation = Self.robustMAD(sorted, lower: p10, upper: p90)
        let med = median
        medianAbsoluteDeviation = sorted.reduce(0.0) { $0 + abs($1 - med) } / n
    }

    /// Coefficient of variation σ/μ (IBSI 7TET / CWYJ).
    var coefficientOfVariation: Double { variance.squareRoot() / mean }

    /// Quartile coefficient of dispersion (P75 − P25)/(P75 + P25) (IBSI 9S40 / SLWD).
    var quartileCoefficientOfDispersion: Double { (p75 - p25) / (p75 + p25) }

    /// Root mean square √(Σx²/N) (IBSI 5ZWQ).
    var rootMeanSquare: Double { (energy / Double(count)).squareRoot() }

    /// Sum in the given order.
    static func sum(_ values: [Double]) -> Double { values.reduce(0.0, +) }

    /// Linear-interpolation percentile (type 7) of an ascending sample.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        if sorted.count == 1 { return first }
        let position = p / 100 * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }

    /// Mean absolute deviation around their own mean of the values in [P10, P90] (IBSI 1128).
    static func robustMAD(_ sorted: [Double], lower: Double, upper: Double) -> Double {
        let inner = sorted.filter { $0 >= lower && $0 <= upper }
        guard !inner.isEmpty else { return 0 }
        let mu = sum(inner) / Double(inner.count)
        return inner.reduce(0.0) { $0 + abs($1 - mu) } / Double(inner.count)
    }
}
