import Imaging
import RadVaultCore

/// The 17 neighbouring grey level dependence features of IBSI-1 §3.12, with 2D, 2.5D and 3D
/// aggregation.
///
/// Notation (IBSI): s_ij voxels of grey level i with dependence j (see `NGLDMMatrix`),
/// N_s = Σ s_ij (= N_v), p_ij = s_ij / N_s. The statistics are computed by `CountMatrixFeatures`.
/// PyRadiomics' GLDM is the same matrix for δ = 1 with `gldm_a` = α; names given where they exist.
enum NGLDMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row(
            "ngl_lde", "SODN", "Low dependence emphasis",
            "Σ_j s_.j / j² / N_s. PyRadiomics: SmallDependenceEmphasis."),
        row("ngl_hde", "IMOQ", "High dependence emphasis", "Σ_j j² s_.j / N_s. PyRadiomics: LargeDependenceEmphasis."),
        row(
            "ngl_lgce", "TL9H", "Low grey level count emphasis",
            "Σ_i s_i. / i² / N_s. PyRadiomics: LowGrayLevelEmphasis."),
        row(
            "ngl_hgce", "OAE7", "High grey level count emphasis",
            "Σ_i i² s_i. / N_s. PyRadiomics: HighGrayLevelEmphasis."),
        row(
            "ngl_ldlge", "EQ3F", "Low dependence low grey level emphasis",
            "Σ s_ij / (i² j²) / N_s. PyRadiomics: SmallDependenceLowGrayLevelEmphasis."),
        row(
            "ngl_ldhge", "JA6D", "Low dependence high grey level emphasis",
            "Σ i² s_ij / j² / N_s. PyRadiomics: SmallDependenceHighGrayLevelEmphasis."),
        row(
            "ngl_hdlge", "NBZI", "High dependence low grey level emphasis",
            "Σ j² s_ij / i² / N_s. PyRadiomics: LargeDependenceLowGrayLevelEmphasis."),
        row(
            "ngl_hdhge", "9QMG", "High dependence high grey level emphasis",
            "Σ i² j² s_ij / N_s. PyRadiomics: LargeDependenceHighGrayLevelEmphasis."),
        row("ngl_glnu", "FP8K", "Grey level non-uniformity", "Σ_i s_i.² / N_s. PyRadiomics: GrayLevelNonUniformity."),
        row(
            "ngl_glnu_norm", "5SPA", "Normalised grey level non-uniformity",
            "Σ_i s_i.² / N_s². PyRadiomics: none (removed from GLDM)."),
        row(
            "ngl_dcnu", "Z87G", "Dependence count non-uniformity",
            "Σ_j s_.j² / N_s. PyRadiomics: DependenceNonUniformity."),
        row(
            "ngl_dcnu_norm", "OKJI", "Normalised dependence count non-uniformity",
            "Σ_j s_.j² / N_s². PyRadiomics: DependenceNonUniformityNormalized."),
        row(
            "ngl_dc_perc", "6XV8", "Dependence count percentage",
            "N_s / N_v; always 1 under IBSI's definition. PyRadiomics: none."),
        row(
            "ngl_gl_var", "1PFV", "Grey level variance",
            "Σ (i − μ_i)² p_ij; 0 for one grey level. PyRadiomics: GrayLevelVariance."),
        row(
            "ngl_dc_var", "DNX2", "Dependence count variance",
            "Σ (j − μ_j)² p_ij. PyRadiomics: DependenceVariance."),
        row("ngl_dc_entr", "FCBV", "Dependence count entropy", "−Σ p_ij log₂ p_ij. PyRadiomics: DependenceEntropy."),
        row("ngl_dc_energy", "CAS9", "Dependence count energy", "Σ p_ij². PyRadiomics: none."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .ngldm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc)")
    }

    /// Feature vectors per requested aggregation (2d, 2.5d, 3d).
    static func compute(roi: DiscretisedROI, aggregations: [Aggregation], settings: TextureSettings) throws
        -> [[Double]]
    {
        let radius = settings.ngldmDistance, alpha = settings.ngldmCoarseness
        let volume = try TextureVolume(roi: roi, pad: radius, family: .ngldm)
        return try SliceAggregation.run(
            family: .ngldm, aggregations: aggregations, volume: volume,
            slices: { NGLDMMatrix.build(volume, radius: radius, coarseness: alpha, planar: true) },
            merge: CountMatrix.merged,
            volumetric: { NGLDMMatrix.build(volume, radius: radius, coarseness: alpha, planar: false)[0] },
            features: CountMatrixFeatures.compute)
    }
}
