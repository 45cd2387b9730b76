import Foundation
import Imaging
import RadVaultCore

@testable import Radiomics

/// Minimal kernels for tests of the extractor's own logic (not of the other families): the
/// identity processing chain, the Imaging discretisation, and one marker value for morphology,
/// local intensity and texture.
enum TestKernels {
    static func marker(_ family: FeatureFamily, _ aggregation: Aggregation? = nil) -> FeatureValue {
        FeatureValue(family: family, tag: "marker", ibsiID: "TEST", aggregation: aggregation, value: 1)
    }

    static let kernels = ExtractionKernels(
        prepare: { image, mask, _ in (ROI(image: image, intensityMask: mask, morphologicalMask: mask), nil) },
        discretise: { roi, method in try Discretisation.apply(roi: roi, method: method) },
        morphology: { _ in [marker(.morphology)] },
        localIntensity: { _ in [marker(.localIntensity)] },
        texture: { family, _, _, aggregations, _ in aggregations.map { marker(family, $0) } })

    /// A volume of `nx × ny × nz` voxels with the given intensities and mask.
    static func volume(_ nx: Int, _ ny: Int, _ nz: Int, _ values: [Double], mask: [Bool]) -> (Volume, Mask) {
        let grid = Grid(nx: nx, ny: ny, nz: nz, spacing: SIMD3(1, 1, 1))
        return (Volume(grid: grid, voxels: values), Mask(grid: grid, voxels: mask))
    }
}
