import Imaging
import RadVaultCore

/// The public entry point of the six IBSI-1 texture families: GLCM, GLRLM, GLSZM, GLDZM, NGTDM
/// and NGLDM, each with every aggregation method IBSI defines for it.
///
/// Input is a discretised ROI (grey levels 1...N_g inside the intensity mask). Values follow
/// IBSI-1 §3.6–3.12; per-family registry tables (`definitions(for:)`) name every feature with its
/// IBSI identifier, its `name` spelled as in the IBSI reference data, its formula and edge cases.
public enum TextureFeatures {
    /// The registry rows of a texture family, in the order `compute` returns them (empty for
    /// non-texture families).
    public static func definitions(for family: FeatureFamily) -> [FeatureDefinition] {
        switch family {
        case .glcm: return GLCMFeatures.definitions
        case .glrlm: return GLRLMFeatures.definitions
        case .glszm: return GLSZMFeatures.definitions
        case .gldzm: return GLDZMFeatures.definitions
        case .ngtdm: return NGTDMFeatures.definitions
        case .ngldm: return NGLDMFeatures.definitions
        default: return []
        }
    }

    /// Computes every feature of `family` for each requested aggregation.
    ///
    /// Results are grouped by aggregation (in request order, duplicates removed), features in
    /// registry order; `FeatureValue.aggregation` carries the aggregation token. The GLDZM
    /// distance map uses the intensity mask here; pass the morphological mask to the overload
    /// below when re-segmentation made the two differ.
    ///
    /// - Throws: `RadVaultError.invalidInput` for a non-texture family, an aggregation that IBSI
    ///   does not define for the family, bad settings, an empty ROI, an ROI whose levels are not
    ///   in 1...levelCount, or an ROI where every matrix of an aggregation is empty (e.g. one voxel
    ///   for the GLCM).
    public static func compute(
        family: FeatureFamily, roi: DiscretisedROI, aggregations: [Aggregation], settings: TextureSettings
    ) throws -> [FeatureValue] {
        try compute(family: family, roi: roi, morphologicalMask: nil, aggregations: aggregations, settings: settings)
    }

    /// As above, with the ROI morphological mask for the GLDZM distance map (IBSI-1 §3.10,
    /// "Morphological and intensity masks"); ignored by the other families.
    public static func compute(
        family: FeatureFamily, roi: DiscretisedROI, morphologicalMask: Mask?, aggregations: [Aggregation],
        settings: TextureSettings
    ) throws -> [FeatureValue] {
        let requested = try validatedAggregations(aggregations, family: family)
        try settings.validate()
        if requested.isEmpty { return [] }
        let vectors: [[Double]]
        switch family {
        case .glcm: vectors = try GLCMFeatures.compute(roi: roi, aggregations: requested, settings: settings)
        case .glrlm: vectors = try GLRLMFeatures.compute(roi: roi, aggregations: requested)
        case .glszm: vectors = try GLSZMFeatures.compute(roi: roi, aggregations: requested)
        case .gldzm:
            vectors = try GLDZMFeatures.compute(
                roi: roi, morphologicalMask: morphologicalMask, aggregations: requested, settings: settings)
        case .ngtdm: vectors = try NGTDMFeatures.compute(roi: roi, aggregations: requested, settings: settings)
        case .ngldm: vectors = try NGLDMFeatures.compute(roi: roi, aggregations: requested, settings: settings)
        default: return []
        }
        return values(family: family, requested: requested, vectors: vectors)
    }

    /// The GLSZM and the GLDZM together, from one zone labelling per aggregation mode
    /// (`ZoneFamilies`): the same values as two calls of `compute(family:roi:morphologicalMask:...)`.
    public static func computeZoneFamilies(
        roi: DiscretisedROI, morphologicalMask: Mask?, glszm: [Aggregation], gldzm: [Aggregation],
        settings: TextureSettings
    ) throws -> (glszm: [FeatureValue], gldzm: [FeatureValue]) {
        let sizes = try validatedAggregations(glszm, family: .glszm)
        let distances = try validatedAggregations(gldzm, family: .gldzm)
        try settings.validate()
        guard !sizes.isEmpty, !distances.isEmpty else {
            return (
                try compute(family: .glszm, roi: roi, morphologicalMask: nil, aggregations: sizes, settings: settings),
                try compute(
                    family: .gldzm, roi: roi, morphologicalMask: morphologicalMask, aggregations: distances,
                    settings: settings)
            )
        }
        let vectors = try ZoneFamilies.compute(
            roi: roi, morphologicalMask: morphologicalMask, glszm: sizes, gldzm: distances, settings: settings)
        return (
            values(family: .glszm, requested: sizes, vectors: vectors.glszm),
            values(family: .gldzm, requested: distances, vectors: vectors.gldzm)
        )
    }

    /// Feature values from vectors per aggregation, features in registry order.
    private static func values(family: FeatureFamily, requested: [Aggregation], vectors: [[Double]]) -> [FeatureValue] {
        let table = definitions(for: family)
        var out: [FeatureValue] = []
        out.reserveCapacity(table.count * requested.count)
        for (aggregation, values) in zip(requested, vectors) {
            for (definition, value) in zip(table, values) {
                out.append(
                    FeatureValue(
                        family: family, tag: definition.tag, ibsiID: definition.ibsiID, aggregation: aggregation,
                        value: value))
            }
        }
        return out
    }

    /// Removes duplicates (keeping the first) and refuses aggregations IBSI does not define for `family`.
    private static func validatedAggregations(_ aggregations: [Aggregation], family: FeatureFamily) throws
        -> [Aggregation]
    {
        guard family.isTexture else {
            throw RadVaultError.invalidInput(
                "TextureFeatures.compute: family \(family.rawValue) is not a texture family; expected one of "
                    + "glcm, glrlm, glszm, gldzm, ngtdm, ngldm")
        }
        let allowed = Aggregation.methods(for: family)
        var out: [Aggregation] = []
        for a in aggregations where !out.contains(a) {
            guard allowed.contains(a) else {
                throw RadVaultError.invalidInput(
                    "\(family.rawValue): aggregation \(a.rawValue) is not defined for this family; expected one of "
                        + allowed.map(\.rawValue).joined(separator: ", "))
            }
            out.append(a)
        }
        return out
    }
}
