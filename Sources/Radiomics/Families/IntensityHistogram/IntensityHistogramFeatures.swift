import Imaging
import RadVaultCore

/// Intensity-histogram features (IBSI-1 §3.4, family ZVCW), computed in 3D (DHQ4) on the
/// discretised grey levels of the ROI intensity mask.
///
/// The histogram H = {n_1 … n_Ng} is non-sparse from level 1 to the highest level present
/// (IBSI §3.4.20: empty bins are kept for the gradient).
public enum IntensityHistogramFeatures {
    /// What the per-feature closures read: the first-order summary of the grey levels plus the
    /// histogram itself.
    struct Histogram: Sendable {
        let summary: DistributionSummary
        /// counts[i - 1] = n_i for i in 1...Ng.
        let counts: [Int]
        let voxelCount: Int
    }

    /// One row of the family table.
    struct Row: Sendable {
        let definition: FeatureDefinition
        let value: @Sendable (Histogram) -> Double
    }

    /// The family's features in IBSI order.
    public static var definitions: [FeatureDefinition] { rows.map(\.definition) }

    /// Computes the 23 features on the grey levels inside `discretised.mask`.
    ///
    /// Throws `invalidInput` if the mask is empty or a level inside it is below 1.
    public static func compute(discretised: DiscretisedROI) throws -> [FeatureValue] {
        var levels: [Int] = []
        for (index, inside) in discretised.mask.voxels.enumerated() where inside {
            levels.append(Int(discretised.levels[index]))
        }
        return try compute(levels: levels)
    }

    /// Computes the 23 features on a sample of grey levels (each ≥ 1).
    public static func compute(levels: [Int]) throws -> [FeatureValue] {
        guard let highest = levels.max(), let lowest = levels.min() else {
            throw RadVaultError.invalidInput(
                "intensity_histogram: the ROI intensity mask is empty; expected at least one voxel")
        }
        guard lowest >= 1 else {
            throw RadVaultError.invalidInput(
                "intensity_histogram: grey level \(lowest) inside the ROI; expected levels >= 1")
        }
        var counts = [Int](repeating: 0, count: highest)
        for level in levels { counts[level - 1] += 1 }
        let histogram = Histogram(
            summary: DistributionSummary(values: levels.map(Double.init)), counts: counts, voxelCount: levels.count)
        return rows.map { row in
            FeatureValue(
                family: .intensityHistogram, tag: row.definition.tag, ibsiID: row.definition.ibsiID,
                aggregation: nil, value: row.value(histogram))
        }
    }

    static func row(
        _ tag: String, _ id: String, _ name: String, _ doc: String,
        _ value: @escaping @Sendable (Histogram) -> Double
    ) -> Row {
        Row(
            definition: FeatureDefinition(family: .intensityHistogram, tag: tag, ibsiID: id, name: name, doc: doc),
            value: value)
    }

    /// The explicit family table (IBSI-1 §3.4.1–§3.4.23).
    static let rows: [Row] = [
        row(
            "ih_mean", "X6K6", "Mean discretised intensity",
            "Σ i p_i with p_i = n_i/N_v. PyRadiomics: none (firstorder Mean is on raw intensities)."
        ) {
            $0.summary.mean
        },
        row("ih_var", "CH89", "Discretised intensity variance", "Σ (i − μ)² p_i (biased). PyRadiomics: none.") {
            $0.summary.variance
        },
        row(
            "ih_skew", "88K1", "Discretised intensity skewness",
            "m₃/m₂^{3/2} of the grey levels; 0 when the variance is 0. PyRadiomics: none."
        ) { $0.summary.skewness },
        row(
            "ih_kurt", "C3I7", "(Excess) discretised intensity kurtosis",
            "m₄/m₂² − 3 of the grey levels; 0 when the variance is 0. PyRadiomics: none."
        ) { $0.summary.kurtosis },
        row(
            "ih_median", "WIFQ", "Median discretised intensity",
            "Median grey level (linear interpolation). PyRadiomics: none."
        ) { $0.summary.median },
        row("ih_min", "1PR8", "Minimum discretised intensity", "Lowest grey level present. PyRadiomics: none.") {
            $0.summary.minimum
        },
        row(
            "ih_p10", "GPMT", "10th discretised intensity percentile",
            "P10 of the grey levels (linear interpolation). PyRadiomics: none."
        ) { $0.summary.p10 },
        row(
            "ih_p90", "OZ0C", "90th discretised intensity percentile",
            "P90 of the grey levels (linear interpolation). PyRadiomics: none."
        ) { $0.summary.p90 },
        row("ih_max", "3NCY", "Maximum discretised intensity", "Highest grey level present. PyRadiomics: none.") {
            $0.summary.maximum
        },
        row(
            "ih_mode", "AMMC", "Intensity histogram mode",
            "Grey level with the highest count; ties: the one closest to the mean, then the lower. "
                + "PyRadiomics: none."
        ) { mode($0) },
        row("ih_iqr", "WR0O", "Discretised intensity interquartile range", "P75 − P25. PyRadiomics: none.") {
            $0.summary.p75 - $0.summary.p25
        },
        row("ih_range", "5Z3W", "Discretised intensity range", "max − min grey level. PyRadiomics: none.") {
            $0.summary.maximum - $0.summary.minimum
        },
        row(
            "ih_mad", "D2ZX", "Intensity histogram mean absolute deviation",
            "(1/N_v) Σ |X_d − μ|. PyRadiomics: none."
        ) { $0.summary.meanAbsoluteDeviation },
        row(
            "ih_rmad", "WRZB", "Intensity histogram robust mean absolute deviation",
            "Mean absolute deviation of the grey levels in [P10, P90] around their mean. PyRadiomics: none."
        ) {
            $0.summary.robustMeanAbsoluteDeviation
        },
        row(
            "ih_medad", "4RNL", "Intensity histogram median absolute deviation",
            "(1/N_v) Σ |X_d − median|. PyRadiomics: none."
        ) { $0.summary.medianAbsoluteDeviation },
        row(
            "ih_cov", "CWYJ", "Intensity histogram coefficient of variation",
            "σ/μ of the grey levels (μ ≥ 1, so always finite). PyRadiomics: none."
        ) {
            $0.summary.coefficientOfVariation
        },
        row(
            "ih_qcod", "SLWD", "Intensity histogram quartile coefficient of dispersion",
            "(P75 − P25)/(P75 + P25) of the grey levels. PyRadiomics: none."
        ) {
            $0.summary.quartileCoefficientOfDispersion
        },
        row(
            "ih_entropy", "TLU2", "Discretised intensity entropy",
            "−Σ p_i log₂ p_i over non-empty bins; 0 for one grey level. PyRadiomics: firstorder Entropy."
        ) {
            entropy($0)
        },
        row(
            "ih_uniformity", "BJ5W", "Discretised intensity uniformity",
            "Σ p_i²; 1 for one grey level. PyRadiomics: firstorder Uniformity."
        ) { uniformity($0) },
        row(
            "ih_max_grad", "12CE", "Maximum histogram gradient",
            "max H′ with H′_1 = n₂ − n₁, H′_i = (n_{i+1} − n_{i−1})/2, H′_Ng = n_Ng − n_{Ng−1}; "
                + "H′ = 0 for one bin. PyRadiomics: none."
        ) { gradientExtreme($0, maximum: true).value },
        row(
            "ih_max_grad_g", "8E6O", "Maximum histogram gradient intensity",
            "Lowest grey level i at which H′ is maximal. PyRadiomics: none."
        ) {
            gradientExtreme($0, maximum: true).level
        },
        row("ih_min_grad", "VQB3", "Minimum histogram gradient", "min H′ (see 12CE). PyRadiomics: none.") {
            gradientExtreme($0, maximum: false).value
        },
        row(
            "ih_min_grad_g", "RHQZ", "Minimum histogram gradient intensity",
            "Lowest grey level i at which H′ is minimal. PyRadiomics: none."
        ) {
            gradientExtreme($0, maximum: false).level
        },
    ]
}
