import Imaging
import RadVaultCore

/// The GLSZM (IBSI-1 §3.9) and the GLDZM (§3.10) from one zone labelling per aggregation mode.
///
/// Why: both families count the same zones (linked voxels of equal grey level in the intensity
/// mask); the GLSZM by zone size, the GLDZM by the zone's smallest distance to the edge. Labelling
/// was their largest cost, paid twice. Here each mode (per slice, volumetric) is labelled once, on
/// the GLDZM's box (the intensity mask's box widened to the morphological mask), with the
/// distance map when the GLDZM needs that mode. The zones, their order (scan order of their first
/// voxel), sizes, grey indices and N_v do not depend on the widening, so both families get
/// exactly the vectors `GLSZMFeatures.compute` and `GLDZMFeatures.compute` give.
enum ZoneFamilies {
    /// GLSZM and GLDZM feature vectors per requested aggregation (2d, 2.5d, 3d), in request order.
    static func compute(
        roi: DiscretisedROI, morphologicalMask: Mask?, glszm: [Aggregation], gldzm: [Aggregation],
        settings: TextureSettings
    ) throws -> (glszm: [[Double]], gldzm: [[Double]]) {
        let sizeVolume = try TextureVolume(roi: roi, pad: 1, family: .glszm)
        let volume = try TextureVolume(roi: roi, pad: 1, family: .gldzm, including: morphologicalMask)
        let mask = volume.padded(morphologicalMask ?? roi.mask)
        try GLDZMDistanceMap.validate(mask: mask, volume: volume)
        let norm = settings.gldzmDistance
        let perSlice: Set<Aggregation> = [.slice2D, .merged25DVolume]
        var slices: [ZoneList] = []
        if !perSlice.isDisjoint(with: glszm + gldzm) {
            let map =
                perSlice.isDisjoint(with: gldzm)
                ? nil : GLDZMDistanceMap.compute(volume, mask: mask, planar: true, norm: norm)
            slices = GLSZMZones.label(volume, planar: true, distanceMap: map)
        }
        var whole = ZoneList()
        if (glszm + gldzm).contains(.volume3D) {
            let map =
                gldzm.contains(.volume3D)
                ? GLDZMDistanceMap.compute(volume, mask: mask, planar: false, norm: norm) : nil
            whole = GLSZMZones.label(volume, planar: false, distanceMap: map)[0]
        }
        // The two families read the same zones: GLSZM counts them by size, GLDZM by distance.
        func family(
            _ f: FeatureFamily, _ aggregations: [Aggregation], _ v: TextureVolume, _ js: KeyPath<ZoneList, [Int32]>
        ) throws -> [[Double]] {
            try SliceAggregation.run(
                family: f, aggregations: aggregations, volume: v, slices: { slices }, merge: ZoneList.merged,
                volumetric: { whole },
                features: { zones in
                    let m = CountMatrix.fromObservations(
                        rows: zones.rows, js: zones[keyPath: js], rowValues: v.greyValues, voxelCount: zones.voxelCount)
                    return CountMatrixFeatures.compute(m).map { Array($0.prefix(16)) }
                })
        }
        return (
            try family(.glszm, glszm, sizeVolume, \.sizes), try family(.gldzm, gldzm, volume, \.distances)
        )
    }
}
