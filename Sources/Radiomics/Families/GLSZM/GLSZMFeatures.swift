import Imaging
import RadVaultCore

/// The 16 grey level size zone matrix features of IBSI-1 §3.9, with 2D, 2.5D and 3D aggregation.
///
/// Notation (IBSI): s_ij zones of grey level i and size j (26-connected in 3D, 8-connected per
/// slice in 2D), N_s = Σ s_ij, N_v the voxels (summed when slices are merged), p_ij = s_ij / N_s.
/// The statistics are computed by `CountMatrixFeatures`. PyRadiomics names where they differ.
enum GLSZMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row("szm_sze", "5QRC", "Small zone emphasis", "Σ_j s_.j / j² / N_s. PyRadiomics: SmallAreaEmphasis."),
        row("szm_lze", "48P8", "Large zone emphasis", "Σ_j j² s_.j / N_s. PyRadiomics: LargeAreaEmphasis."),
        row(
            "szm_lgze", "XMSY", "Low grey level zone emphasis",
            "Σ_i s_i. / i² / N_s. PyRadiomics: LowGrayLevelZoneEmphasis."),
        row(
            "szm_hgze", "5GN9", "High grey level zone emphasis",
            "Σ_i i² s_i. / N_s. PyRadiomics: HighGrayLevelZoneEmphasis."),
        row(
            "szm_szlge", "5RAI", "Small zone low grey level emphasis",
            "Σ s_ij / (i² j²) / N_s. PyRadiomics: SmallAreaLowGrayLevelEmphasis."),
        row(
            "szm_szhge", "HW1V", "Small zone high grey level emphasis",
            "Σ i² s_ij / j² / N_s. PyRadiomics: SmallAreaHighGrayLevelEmphasis."),
        row(
            "szm_lzlge", "YH51", "Large zone low grey level emphasis",
            "Σ j² s_ij / i² / N_s. PyRadiomics: LargeAreaLowGrayLevelEmphasis."),
        row(
            "szm_lzhge", "J17V", "Large zone high grey level emphasis",
            "Σ i² j² s_ij / N_s. PyRadiomics: LargeAreaHighGrayLevelEmphasis."),
        row("szm_glnu", "JNSA", "Grey level non-uniformity", "Σ_i s_i.² / N_s. PyRadiomics: GrayLevelNonUniformity."),
        row(
            "szm_glnu_norm", "Y1RO", "Normalised grey level non-uniformity",
            "Σ_i s_i.² / N_s². PyRadiomics: GrayLevelNonUniformityNormalized."),
        row("szm_zsnu", "4JP3", "Zone size non-uniformity", "Σ_j s_.j² / N_s. PyRadiomics: SizeZoneNonUniformity."),
        row(
            "szm_zsnu_norm", "VB3A", "Normalised zone size non-uniformity",
            "Σ_j s_.j² / N_s². PyRadiomics: SizeZoneNonUniformityNormalized."),
        row("szm_z_perc", "P30P", "Zone percentage", "N_s / N_v. PyRadiomics: ZonePercentage."),
        row(
            "szm_gl_var", "BYLV", "Grey level variance",
            "Σ (i − μ_i)² p_ij; 0 for one grey level. PyRadiomics: GrayLevelVariance."),
        row("szm_zs_var", "3NSA", "Zone size variance", "Σ (j − μ_j)² p_ij. PyRadiomics: ZoneVariance."),
        row("szm_zs_entr", "GU8N", "Zone size entropy", "−Σ p_ij log₂ p_ij. PyRadiomics: ZoneEntropy."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .glszm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc)")
    }

    /// Feature vectors per requested aggregation (2d, 2.5d, 3d).
    static func compute(roi: DiscretisedROI, aggregations: [Aggregation]) throws -> [[Double]] {
        let volume = try TextureVolume(roi: roi, pad: 1, family: .glszm)
        return try SliceAggregation.run(
            family: .glszm, aggregations: aggregations, volume: volume,
            slices: { GLSZMZones.label(volume, planar: true, distanceMap: nil) },
            merge: ZoneList.merged,
            volumetric: { GLSZMZones.label(volume, planar: false, distanceMap: nil)[0] },
            features: { zones in
                let m = CountMatrix.fromObservations(
                    rows: zones.rows, js: zones.sizes, rowValues: volume.greyValues, voxelCount: zones.voxelCount)
                return CountMatrixFeatures.compute(m).map { Array($0.prefix(16)) }
            })
    }
}
