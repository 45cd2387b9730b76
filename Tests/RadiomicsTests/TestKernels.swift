import Foundation
import Imaging
import RadVaultCore

@testable import Radiomics

/// Minimal kernels for tests of the extractor's own logic (not of the other families): the
/// identity processing chain, IBSI fixed-bin-size/number discretisation written out from
/// IBSI-1 §2.7, and one marker value for morphology, local intensity and texture.
enum TestKernels {
    static func discretise(_ roi: ROI, _ method: GreyLevelDiscretisation) -> DiscretisedROI {
        let inside = roi.intensityMask.voxels.indices.filter { roi.intensityMask.voxels[$0] }
        let values = inside.map { roi.image.voxels[$0] }
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        var levels = [Int32](repeating: 0, count: roi.image.voxels.count)
        var top = 1
        for index in inside {
            let x = roi.image.voxels[index]
            let level: Int
            switch method {
            case .fixedBinSize(let width, let lowerBound):
                level = Int(((x - (lowerBound ?? low)) / width).rounded(.down)) + 1
            case .fixedBinNumber(let bins):
                level = high > low ? min(Int((Double(bins) * (x - low) / (high - low)).rounded(.down)) + 1, bins) : 1
            }
            levels[index] = Int32(level)
            top = max(top, level)
        }
        return DiscretisedROI(grid: roi.image.grid, levels: levels, levelCount: top, mask: roi.intensityMask)
    }

    static func marker(_ family: FeatureFamily, _ aggregation: Aggregation? = nil) -> FeatureValue {
        FeatureValue(family: family, tag: "marker", ibsiID: "TEST", aggregation: aggregation, value: 1)
    }

    static let kernels = ExtractionKernels(
        prepare: { image, mask, _ in ROI(image: image, intensityMask: mask, morphologicalMask: mask) },
        discretise: { roi, method in discretise(roi, method) },
        morphology: { _ in [marker(.morphology)] },
        localIntensity: { _ in [marker(.localIntensity)] },
        texture: { family, _, aggregations, _ in aggregations.map { marker(family, $0) } })

    /// A volume of `nx × ny × nz` voxels with the given intensities and mask.
    static func volume(_ nx: Int, _ ny: Int, _ nz: Int, _ values: [Double], mask: [Bool]) -> (Volume, Mask) {
        let grid = Grid(nx: nx, ny: ny, nz: nz, spacing: SIMD3(1, 1, 1))
        return (Volume(grid: grid, voxels: values), Mask(grid: grid, voxels: mask))
    }
}
