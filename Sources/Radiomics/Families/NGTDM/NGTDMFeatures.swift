import Imaging
import RadVaultCore

/// The five neighbourhood grey tone difference features of IBSI-1 §3.11, with 2D, 2.5D and 3D
/// aggregation.
///
/// Notation (IBSI): n_i and s_i from `NGTDMMatrix`, N_{v,c} = Σ n_i, p_i = n_i / N_{v,c},
/// N_{g,p} the number of grey levels with p_i > 0; double sums run over levels with p_i > 0.
enum NGTDMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row(
            "ngt_coarseness", "QCDE", "Coarseness",
            "1 / Σ p_i s_i; IBSI sets it to 10⁶ when Σ p_i s_i = 0. PyRadiomics: Coarseness."),
        row(
            "ngt_contrast", "65HE", "Contrast",
            "[Σ Σ p_i1 p_i2 (i1 − i2)² / (N_gp (N_gp − 1))] · Σ s_i / N_vc; 0 when N_gp = 1 (IBSI). "
                + "PyRadiomics: Contrast."),
        row(
            "ngt_busyness", "NQ30", "Busyness",
            "Σ p_i s_i / Σ Σ |i1 p_i1 − i2 p_i2|; 0 when N_gp = 1 (IBSI) and, by extension, when the denominator "
                + "is 0. PyRadiomics: Busyness."),
        row(
            "ngt_complexity", "HDEZ", "Complexity",
            "Σ Σ |i1 − i2| (p_i1 s_i1 + p_i2 s_i2) / (p_i1 + p_i2) / N_vc. PyRadiomics: Complexity."),
        row(
            "ngt_strength", "1X9X", "Strength",
            "Σ Σ (p_i1 + p_i2)(i1 − i2)² / Σ s_i; 0 when Σ s_i = 0 (IBSI). PyRadiomics: Strength."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .ngtdm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc)")
    }

    /// Feature vectors per requested aggregation (2d, 2.5d, 3d).
    static func compute(roi: DiscretisedROI, aggregations: [Aggregation], settings: TextureSettings) throws
        -> [[Double]]
    {
        let radius = settings.ngtdmDistance
        let volume = try TextureVolume(roi: roi, pad: radius, family: .ngtdm)
        return try SliceAggregation.run(
            family: .ngtdm, aggregations: aggregations, volume: volume,
            slices: { NGTDMMatrix.build(volume, radius: radius, planar: true) },
            merge: NGTDMMatrix.merged,
            volumetric: { NGTDMMatrix.build(volume, radius: radius, planar: false)[0] },
            features: features(of:))
    }

    /// The five features of one NGTDM, or nil when no voxel has a valid neighbourhood.
    static func features(of m: NGTDMMatrix) -> [Double]? {
        var nvc = 0.0
        for n in m.counts { nvc += n }
        guard nvc > 0 else { return nil }
        let present = m.counts.indices.filter { m.counts[$0] > 0 }
        let p = m.counts.map { $0 / nvc }, s = m.differences, g = m.greyValues
        var sumPS = 0.0, sumS = 0.0
        for a in present {
            sumPS += p[a] * s[a]
            sumS += s[a]
        }
        var contrastSum = 0.0, busyDenominator = 0.0, complexity = 0.0, strengthSum = 0.0
        for a in present {
            for b in present {
                let d = g[a] - g[b]
                contrastSum += p[a] * p[b] * d * d
                busyDenominator += abs(g[a] * p[a] - g[b] * p[b])
                complexity += abs(d) * (p[a] * s[a] + p[b] * s[b]) / (p[a] + p[b])
                strengthSum += (p[a] + p[b]) * d * d
            }
        }
        let ngp = Double(present.count)
        let coarseness = sumPS == 0 ? 1e6 : 1 / sumPS
        let contrast = present.count == 1 ? 0 : contrastSum / (ngp * (ngp - 1)) * sumS / nvc
        let busyness = present.count == 1 || busyDenominator == 0 ? 0 : sumPS / busyDenominator
        let strength = sumS == 0 ? 0 : strengthSum / sumS
        return [coarseness, contrast, busyness, complexity / nvc, strength]
    }
}
