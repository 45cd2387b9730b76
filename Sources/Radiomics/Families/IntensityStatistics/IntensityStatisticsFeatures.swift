import Imaging
import RadVaultCore

/// Intensity-based statistical features (IBSI-1 §3.3, family UHIW), computed in 3D (DHQ4) on
/// the intensities of the ROI intensity mask of the processed, not discretised, image.
public enum IntensityStatisticsFeatures {
    /// One row of the family table: the registry entry and how to read it from the summary.
    struct Row: Sendable {
        let definition: FeatureDefinition
        let value: @Sendable (DistributionSummary) -> Double
    }

    /// The family's features in IBSI order.
    public static var definitions: [FeatureDefinition] { rows.map(\.definition) }

    /// Computes the 18 features on the intensity-mask voxels of `roi.image`.
    ///
    /// Throws `invalidInput` if the intensity mask is empty.
    public static func compute(roi: ROI) throws -> [FeatureValue] {
        var values: [Double] = []
        values.reserveCapacity(roi.intensityMask.count)
        for (index, inside) in roi.intensityMask.voxels.enumerated() where inside {
            values.append(roi.image.voxels[index])
        }
        return try compute(intensities: values)
    }

    /// Computes the 18 features on a sample of intensities.
    public static func compute(intensities: [Double]) throws -> [FeatureValue] {
        guard !intensities.isEmpty else {
            throw RadVaultError.invalidInput(
                "intensity_statistics: the ROI intensity mask is empty; expected at least one voxel")
        }
        let summary = DistributionSummary(values: intensities)
        return rows.map { row in
            FeatureValue(
                family: .intensityStatistics, tag: row.definition.tag, ibsiID: row.definition.ibsiID,
                aggregation: nil, value: row.value(summary))
        }
    }

    static func row(
        _ tag: String, _ id: String, _ name: String, _ doc: String,
        _ value: @escaping @Sendable (DistributionSummary) -> Double
    ) -> Row {
        Row(
            definition: FeatureDefinition(family: .intensityStatistics, tag: tag, ibsiID: id, name: name, doc: doc),
            value: value)
    }

    /// The explicit family table (IBSI-1 §3.3.1–§3.3.18).
    static let rows: [Row] = [
        row(
            "stat_mean", "Q4LE", "Mean intensity",
            "μ = (1/N_v) Σ X_k. PyRadiomics: firstorder Mean."
        ) { $0.mean },
        row(
            "stat_var", "ECT3", "Intensity variance",
            "(1/N_v) Σ (X_k − μ)² (biased). PyRadiomics: firstorder Variance."
        ) { $0.variance },
        row(
            "stat_skew", "KE2A", "Intensity skewness",
            "m₃ / m₂^{3/2} with central moments m; 0 when the variance is 0. PyRadiomics: firstorder Skewness."
        ) {
            $0.skewness
        },
        row(
            "stat_kurt", "IPH6", "(Excess) intensity kurtosis",
            "m₄ / m₂² − 3; 0 when the variance is 0. PyRadiomics: firstorder Kurtosis (not excess: +3)."
        ) {
            $0.kurtosis
        },
        row(
            "stat_median", "Y12H", "Median intensity",
            "50th percentile (linear interpolation). PyRadiomics: firstorder Median."
        ) { $0.median },
        row("stat_min", "1GSF", "Minimum intensity", "min X_k. PyRadiomics: firstorder Minimum.") { $0.minimum },
        row(
            "stat_p10", "QG58", "10th intensity percentile",
            "P10, linear interpolation between order statistics. PyRadiomics: firstorder 10Percentile."
        ) { $0.p10 },
        row(
            "stat_p90", "8DWT", "90th intensity percentile",
            "P90, linear interpolation (gives 4 on the digital phantom). PyRadiomics: firstorder 90Percentile."
        ) {
            $0.p90
        },
        row("stat_max", "84IY", "Maximum intensity", "max X_k. PyRadiomics: firstorder Maximum.") { $0.maximum },
        row(
            "stat_iqr", "SALO", "Intensity interquartile range",
            "P75 − P25. PyRadiomics: firstorder InterquartileRange."
        ) { $0.p75 - $0.p25 },
        row("stat_range", "2OJQ", "Intensity range", "max − min. PyRadiomics: firstorder Range.") {
            $0.maximum - $0.minimum
        },
        row(
            "stat_mad", "4FUA", "Intensity-based mean absolute deviation",
            "(1/N_v) Σ |X_k − μ|. PyRadiomics: firstorder MeanAbsoluteDeviation."
        ) { $0.meanAbsoluteDeviation },
        row(
            "stat_rmad", "1128", "Intensity-based robust mean absolute deviation",
            "Mean |X − μ₁₀₋₉₀| over the voxels with P10 ≤ X ≤ P90, μ₁₀₋₉₀ their mean. "
                + "PyRadiomics: firstorder RobustMeanAbsoluteDeviation."
        ) { $0.robustMeanAbsoluteDeviation },
        row(
            "stat_medad", "N72L", "Intensity-based median absolute deviation",
            "(1/N_v) Σ |X_k − median| (a mean, not a median, of deviations). PyRadiomics: none."
        ) {
            $0.medianAbsoluteDeviation
        },
        row(
            "stat_cov", "7TET", "Intensity-based coefficient of variation",
            "σ/μ with the biased σ; ±inf or NaN when μ = 0. PyRadiomics: none."
        ) { $0.coefficientOfVariation },
        row(
            "stat_qcod", "9S40", "Intensity-based quartile coefficient of dispersion",
            "(P75 − P25)/(P75 + P25); NaN/inf when P75 + P25 = 0. PyRadiomics: none."
        ) {
            $0.quartileCoefficientOfDispersion
        },
        row(
            "stat_energy", "N8CA", "Intensity-based energy",
            "Σ X_k² (not scaled by voxel volume). PyRadiomics: firstorder Energy (with voxelArrayShift 0)."
        ) {
            $0.energy
        },
        row(
            "stat_rms", "5ZWQ", "Root mean square intensity",
            "√((1/N_v) Σ X_k²). PyRadiomics: firstorder RootMeanSquared."
        ) { $0.rootMeanSquare },
    ]
}
