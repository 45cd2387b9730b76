import Imaging
import RadVaultCore

/// The 16 grey level distance zone matrix features of IBSI-1 §3.10, with 2D, 2.5D and 3D aggregation.
///
/// Notation (IBSI): d_ij zones (as in the GLSZM, from the intensity mask) of grey level i whose
/// smallest distance to the edge of the morphological mask is j (see `GLDZMDistanceMap`),
/// N_s = Σ d_ij, N_v the voxels (summed when slices are merged), p_ij = d_ij / N_s. PyRadiomics
/// has no GLDZM.
enum GLDZMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row("dzm_sde", "0GBI", "Small distance emphasis", "Σ_j d_.j / j² / N_s."),
        row("dzm_lde", "MB4I", "Large distance emphasis", "Σ_j j² d_.j / N_s."),
        row("dzm_lgze", "S1RA", "Low grey level zone emphasis", "Σ_i d_i. / i² / N_s (equals the GLSZM value)."),
        row("dzm_hgze", "K26C", "High grey level zone emphasis", "Σ_i i² d_i. / N_s (equals the GLSZM value)."),
        row("dzm_sdlge", "RUVG", "Small distance low grey level emphasis", "Σ d_ij / (i² j²) / N_s."),
        row("dzm_sdhge", "DKNJ", "Small distance high grey level emphasis", "Σ i² d_ij / j² / N_s."),
        row("dzm_ldlge", "A7WM", "Large distance low grey level emphasis", "Σ j² d_ij / i² / N_s."),
        row("dzm_ldhge", "KLTH", "Large distance high grey level emphasis", "Σ i² j² d_ij / N_s."),
        row("dzm_glnu", "VFT7", "Grey level non-uniformity", "Σ_i d_i.² / N_s."),
        row("dzm_glnu_norm", "7HP3", "Normalised grey level non-uniformity", "Σ_i d_i.² / N_s²."),
        row("dzm_zdnu", "V294", "Zone distance non-uniformity", "Σ_j d_.j² / N_s."),
        row("dzm_zdnu_norm", "IATH", "Normalised zone distance non-uniformity", "Σ_j d_.j² / N_s²."),
        row("dzm_z_perc", "VIWW", "Zone percentage", "N_s / N_v."),
        row("dzm_gl_var", "QK93", "Grey level variance", "Σ (i − μ_i)² p_ij; 0 for one grey level."),
        row("dzm_zd_var", "7WT1", "Zone distance variance", "Σ (j − μ_j)² p_ij; 0 when all zones touch the edge."),
        row("dzm_zd_entr", "GBDU", "Zone distance entropy", "−Σ p_ij log₂ p_ij."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(
            family: .gldzm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc) PyRadiomics: no equivalent.")
    }

    /// Feature vectors per requested aggregation (2d, 2.5d, 3d); distances come from
    /// `morphologicalMask` (the intensity mask when nil).
    static func compute(
        roi: DiscretisedROI, morphologicalMask: Mask?, aggregations: [Aggregation], settings: TextureSettings
    ) throws -> [[Double]] {
        let volume = try TextureVolume(roi: roi, pad: 1, family: .gldzm, including: morphologicalMask)
        let mask = volume.padded(morphologicalMask ?? roi.mask)
        try GLDZMDistanceMap.validate(mask: mask, volume: volume)
        let norm = settings.gldzmDistance
        let features: (ZoneList) -> [Double]? = { zones in
            let m = CountMatrix.fromObservations(
                rows: zones.rows, js: zones.distances, rowValues: volume.greyValues, voxelCount: zones.voxelCount)
            return CountMatrixFeatures.compute(m).map { Array($0.prefix(16)) }
        }
        var planarMap: [Int32] = []
        if aggregations.contains(.slice2D) || aggregations.contains(.merged25DVolume) {
            planarMap = GLDZMDistanceMap.compute(volume, mask: mask, planar: true, norm: norm)
        }
        return try SliceAggregation.run(
            family: .gldzm, aggregations: aggregations, volume: volume,
            slices: { GLSZMZones.label(volume, planar: true, distanceMap: planarMap) },
            merge: ZoneList.merged,
            volumetric: {
                let map = GLDZMDistanceMap.compute(volume, mask: mask, planar: false, norm: norm)
                return GLSZMZones.label(volume, planar: false, distanceMap: map)[0]
            },
            features: features)
    }
}
