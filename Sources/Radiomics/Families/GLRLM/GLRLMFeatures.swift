import Imaging
import RadVaultCore

/// The 16 grey level run length matrix features of IBSI-1 §3.7, with their six aggregations.
///
/// Notation (IBSI): r_ij runs of grey level i and length j, N_s = Σ r_ij, N_v the voxels the
/// matrix was built from (summed when matrices are merged), p_ij = r_ij / N_s. The statistics
/// are computed by `CountMatrixFeatures`. PyRadiomics names are given where they differ.
enum GLRLMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row("rlm_sre", "22OV", "Short runs emphasis", "Σ_j r_.j / j² / N_s. PyRadiomics: ShortRunEmphasis."),
        row("rlm_lre", "W4KF", "Long runs emphasis", "Σ_j j² r_.j / N_s. PyRadiomics: LongRunEmphasis."),
        row(
            "rlm_lgre", "V3SW", "Low grey level run emphasis",
            "Σ_i r_i. / i² / N_s. PyRadiomics: LowGrayLevelRunEmphasis."),
        row(
            "rlm_hgre", "G3QZ", "High grey level run emphasis",
            "Σ_i i² r_i. / N_s. PyRadiomics: HighGrayLevelRunEmphasis."),
        row(
            "rlm_srlge", "HTZT", "Short run low grey level emphasis",
            "Σ r_ij / (i² j²) / N_s. PyRadiomics: ShortRunLowGrayLevelEmphasis."),
        row(
            "rlm_srhge", "GD3A", "Short run high grey level emphasis",
            "Σ i² r_ij / j² / N_s. PyRadiomics: ShortRunHighGrayLevelEmphasis."),
        row(
            "rlm_lrlge", "IVPO", "Long run low grey level emphasis",
            "Σ j² r_ij / i² / N_s. PyRadiomics: LongRunLowGrayLevelEmphasis."),
        row(
            "rlm_lrhge", "3KUM", "Long run high grey level emphasis",
            "Σ i² j² r_ij / N_s. PyRadiomics: LongRunHighGrayLevelEmphasis."),
        row("rlm_glnu", "R5YN", "Grey level non-uniformity", "Σ_i r_i.² / N_s. PyRadiomics: GrayLevelNonUniformity."),
        row(
            "rlm_glnu_norm", "OVBL", "Normalised grey level non-uniformity",
            "Σ_i r_i.² / N_s². PyRadiomics: GrayLevelNonUniformityNormalized."),
        row("rlm_rlnu", "W92Y", "Run length non-uniformity", "Σ_j r_.j² / N_s. PyRadiomics: RunLengthNonUniformity."),
        row(
            "rlm_rlnu_norm", "IC23", "Normalised run length non-uniformity",
            "Σ_j r_.j² / N_s². PyRadiomics: RunLengthNonUniformityNormalized."),
        row(
            "rlm_r_perc", "9ZK5", "Run percentage",
            "N_s / N_v; merged matrices sum N_v. PyRadiomics: RunPercentage (which does not sum N_v when merging)."),
        row(
            "rlm_gl_var", "8CE5", "Grey level variance",
            "Σ (i − μ_i)² p_ij, μ_i = Σ i p_ij; 0 for one grey level. PyRadiomics: GrayLevelVariance."),
        row(
            "rlm_rl_var", "SXLW", "Run length variance", "Σ (j − μ_j)² p_ij, μ_j = Σ j p_ij. PyRadiomics: RunVariance."),
        row("rlm_rl_entr", "HJ9O", "Run entropy", "−Σ p_ij log₂ p_ij. PyRadiomics: RunEntropy."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .glrlm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc)")
    }

    /// Feature vectors per requested aggregation (one of the six GLRLM methods each).
    static func compute(roi: DiscretisedROI, aggregations: [Aggregation]) throws -> [[Double]] {
        let volume = try TextureVolume(roi: roi, pad: 1, family: .glrlm)
        return try DirectionalAggregation.run(
            family: .glrlm, aggregations: aggregations, volume: volume, distance: 1,
            build: { GLRLMMatrix.build(volume, direction: $0, slices: $1) },
            features: { CountMatrixFeatures.compute($0).map { Array($0.prefix(16)) } })
    }
}
