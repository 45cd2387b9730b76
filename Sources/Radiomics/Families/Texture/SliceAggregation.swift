import RadVaultCore

/// The three IBSI aggregation methods of the GLSZM, GLDZM, NGTDM and NGLDM
/// (IBSI-1 §3.9–3.12, "Aggregating features"; identifiers 8QNN, 62GR, KOBO).
///
/// 2D: features per slice matrix, averaged over slices (empty slice matrices skipped);
/// 2.5D: features of the merged slice matrices; 3D: features of one volumetric matrix.
/// The per-slice items are computed once and shared by 2D and 2.5D.
enum SliceAggregation {
    /// Feature vectors for each requested aggregation, in request order.
    ///
    /// - Parameters:
    ///   - slices: the per-slice items (computed lazily, only when a 2D method is requested).
    ///   - merge: the IBSI merge of slice items.
    ///   - volumetric: the 3D item (computed only when requested).
    ///   - features: features of one item, nil when it is empty.
    static func run<Item>(
        family: FeatureFamily, aggregations: [Aggregation], volume: TextureVolume,
        slices: () -> [Item], merge: ([Item]) -> Item?, volumetric: () -> Item, features: (Item) -> [Double]?
    ) throws -> [[Double]] {
        var results: [Aggregation: [Double]?] = [:]
        if aggregations.contains(.slice2D) || aggregations.contains(.merged25DVolume) {
            let items = slices()
            var mean = FeatureMean()
            if aggregations.contains(.slice2D) { for item in items { mean.add(features(item)) } }
            results[.slice2D] = mean.mean
            if aggregations.contains(.merged25DVolume) { results[.merged25DVolume] = merge(items).flatMap(features) }
        }
        if aggregations.contains(.volume3D) { results[.volume3D] = features(volumetric()) }
        return try aggregations.map { a in
            guard let value = results[a] ?? nil else {
                throw DirectionalAggregation.emptyError(family: family, aggregation: a, volume)
            }
            return value
        }
    }
}
