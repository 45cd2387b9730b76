import RadVaultCore

/// The six IBSI aggregation methods of the directional families, GLCM and GLRLM
/// (IBSI-1 §3.6 and §3.7, "Aggregating features"; method identifiers BTW3, SUJT, JJUI, ZW7Z,
/// ITBB, IAZD).
///
/// Per slice, the four in-plane direction matrices are built once and fed to every 2D method:
/// averaged over (slice, direction) pairs, merged per slice, merged per direction over slices,
/// and merged over everything. The 13 volumetric matrices feed the two 3D methods; the four
/// in-plane 3D directions equal the per-direction 2D sums (their pairs never cross slices), so
/// those are reused instead of rescanning when both 2D and 3D methods are requested.
/// Empty matrices (no pair, no run) are skipped when averaging, as IBSI-1 prescribes for slices
/// or directions without data.
enum DirectionalAggregation {
    /// IBSI 2D direction vectors (x, y, z): 0°, 45°, 90°, 135°.
    static let directions2D: [(Int, Int, Int)] = [(1, 0, 0), (1, 1, 0), (0, 1, 0), (-1, 1, 0)]
    /// IBSI 3D direction vectors (13 unique directions of the 26-neighbourhood).
    static let directions3D: [(Int, Int, Int)] = [
        (0, 0, 1), (0, 1, 0), (1, 0, 0), (0, 1, 1), (0, 1, -1), (1, 0, 1), (1, 0, -1),
        (1, 1, 0), (1, -1, 0), (1, 1, 1), (1, 1, -1), (1, -1, 1), (1, -1, -1),
    ]
    /// For each 3D direction, the 2D direction it equals up to sign (nil when it crosses slices).
    static let inPlaneEquivalent: [Int?] = [nil, 2, 0, nil, nil, nil, nil, 1, 3, nil, nil, nil, nil]

    /// A matrix builder: the direction (scaled by the distance) and the cropped slices to scan.
    typealias Builder = (_ direction: (Int, Int, Int), _ slices: ClosedRange<Int>) -> CountMatrix
    /// Features of one matrix, nil when it is empty.
    typealias Features = (CountMatrix) -> [Double]?

    /// Feature vectors for each requested aggregation, in request order.
    static func run(
        family: FeatureFamily, aggregations: [Aggregation], volume: TextureVolume, distance: Int,
        build: Builder, features: Features
    ) throws -> [[Double]] {
        let scaled2D = directions2D.map { ($0.0 * distance, $0.1 * distance, $0.2 * distance) }
        let scaled3D = directions3D.map { ($0.0 * distance, $0.1 * distance, $0.2 * distance) }
        let needs2D = aggregations.contains {
            [.averaged2D, .sliceMerged2D, .directionMerged25D, .merged25D].contains($0)
        }
        let needs3D = aggregations.contains { $0 == .averaged3D || $0 == .merged3D }
        var results: [Aggregation: [Double]?] = [:]
        var perDirection2D: [CountMatrix] = []
        if needs2D {
            let planar = planarPass(
                volume: volume, directions: scaled2D, aggregations: aggregations, build: build,
                features: features)
            perDirection2D = planar.perDirection
            results.merge(planar.results) { a, _ in a }
        }
        if needs3D {
            var mats: [CountMatrix] = []
            for (k, d) in scaled3D.enumerated() {
                if let p = inPlaneEquivalent[k], !perDirection2D.isEmpty {
                    mats.append(perDirection2D[p])
                } else {
                    mats.append(build(d, 0...(volume.nz - 1)))
                }
            }
            var mean = FeatureMean()
            if aggregations.contains(.averaged3D) { for m in mats { mean.add(features(m)) } }
            results[.averaged3D] = mean.mean
            results[.merged3D] = aggregations.contains(.merged3D) ? CountMatrix.merged(mats).flatMap(features) : nil
        }
        return try aggregations.map { a in
            guard let value = results[a] ?? nil else { throw emptyError(family: family, aggregation: a, volume) }
            return value
        }
    }

    /// The 2D methods: one scan per (slice, direction), aggregated four ways.
    private static func planarPass(
        volume: TextureVolume, directions: [(Int, Int, Int)], aggregations: [Aggregation], build: Builder,
        features: Features
    ) -> (results: [Aggregation: [Double]?], perDirection: [CountMatrix]) {
        var averaged = FeatureMean(), sliceMerged = FeatureMean()
        var perDirection: [CountMatrix] = []
        let wantsAverage = aggregations.contains(.averaged2D), wantsSlice = aggregations.contains(.sliceMerged2D)
        for z in volume.occupiedSlices {
            let mats = directions.map { build($0, z...z) }
            if wantsAverage { for m in mats { averaged.add(features(m)) } }
            if wantsSlice, let merged = CountMatrix.merged(mats) { sliceMerged.add(features(merged)) }
            if perDirection.isEmpty {
                perDirection = mats
            } else {
                for k in mats.indices { perDirection[k].add(mats[k]) }
            }
        }
        var directionMerged = FeatureMean()
        if aggregations.contains(.directionMerged25D) { for m in perDirection { directionMerged.add(features(m)) } }
        var results: [Aggregation: [Double]?] = [
            .averaged2D: averaged.mean, .sliceMerged2D: sliceMerged.mean, .directionMerged25D: directionMerged.mean,
        ]
        results[.merged25D] =
            aggregations.contains(.merged25D) ? CountMatrix.merged(perDirection).flatMap(features) : nil
        return (results, perDirection)
    }

    static func emptyError(family: FeatureFamily, aggregation: Aggregation, _ volume: TextureVolume) -> RadVaultError {
        .invalidInput(
            "\(family.rawValue) \(aggregation.rawValue): every texture matrix is empty for this ROI "
                + "(\(volume.voxelCount) voxel(s), \(volume.occupiedSlices.count) slice(s)); expected neighbouring "
                + "voxels inside the intensity mask along at least one direction")
    }
}
