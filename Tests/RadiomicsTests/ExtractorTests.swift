import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// The extractor's handling of degenerate ROIs and its determinism.
struct ExtractorTests {
    let settings = ExtractionSettings(discretisation: DiscretisationSettings(both: .fixedBinNumber(bins: 8)))

    @Test func oneVoxelSkipsMorphologyAndTextureWithReasons() throws {
        let (image, mask) = TestKernels.volume(
            2, 2, 2, [1, 2, 3, 4, 5, 6, 7, 8], mask: [true] + Array(repeating: false, count: 7))
        let result = try Extractor.extract(image: image, mask: mask, settings: settings, kernels: TestKernels.kernels)
        let messages = result.diagnostics.skipped.map(\.message)
        #expect(messages.contains { $0.hasPrefix("morphology: the ROI has one voxel") })
        #expect(messages.contains { $0.hasPrefix("glcm: the ROI has one voxel: there are no neighbouring voxels") })
        #expect(result.value(.intensityStatistics, "stat_mean") == 1)
        #expect(result.diagnostics.steps.map(\.intensityMaskVoxels) == [1, 1])
    }

    @Test func oneSliceSkipsVolumetricFeaturesPerFamily() throws {
        let values = (0..<18).map { Double($0 % 5) }
        let mask = (0..<18).map { $0 < 9 }  // the whole first slice of 3 × 3 × 2
        let (image, m) = TestKernels.volume(3, 3, 2, values, mask: mask)
        let result = try Extractor.extract(image: image, mask: m, settings: settings, kernels: TestKernels.kernels)
        let messages = result.diagnostics.skipped.map(\.message)
        #expect(
            messages.contains { $0.hasPrefix("morphology: the ROI lies in a single slice: morphology is volumetric") })
        #expect(messages.contains { $0.hasPrefix("glcm (3d_avg, 3d_vmrg): the ROI lies in a single slice") })
        #expect(messages.contains { $0.hasPrefix("ngtdm (3d): the ROI lies in a single slice") })
        #expect(result.value(.glcm, "marker", .averaged2D) == 1)
        #expect(result.value(.glcm, "marker", .averaged3D) == nil)
    }

    @Test func oneGreyLevelSkipsTexture() throws {
        let (image, mask) = TestKernels.volume(
            2, 2, 2, Array(repeating: 5, count: 8), mask: Array(repeating: true, count: 8))
        let result = try Extractor.extract(image: image, mask: mask, settings: settings, kernels: TestKernels.kernels)
        #expect(result.diagnostics.greyLevels["texture"] == 1)
        #expect(
            result.diagnostics.skipped.map(\.message).contains(
                "glszm: discretisation fbn 8 bins yields one grey level: every texture matrix has a single cell, so its "
                    + "features are undefined; use a smaller bin width or more bins"))
        #expect(result.value(.intensityHistogram, "ih_entropy") == 0)
    }

    @Test func nothingComputableIsAnError() {
        let onlyTexture = ExtractionSettings(
            discretisation: DiscretisationSettings(both: .fixedBinNumber(bins: 8)), families: [.glcm])
        let (image, mask) = TestKernels.volume(2, 1, 1, [1, 2], mask: [true, false])
        do {
            _ = try Extractor.extract(image: image, mask: mask, settings: onlyTexture, kernels: TestKernels.kernels)
            Issue.record("expected an error")
        } catch {
            #expect(
                "\(error)".contains("no requested feature can be computed on this ROI: glcm: the ROI has one voxel"))
        }
    }

    @Test func emptyAndMismatchedMasksAreRefused() {
        let (image, mask) = TestKernels.volume(2, 1, 1, [1, 2], mask: [false, false])
        #expect(throws: RadVaultError.self) {
            try Extractor.extract(image: image, mask: mask, settings: settings, kernels: TestKernels.kernels)
        }
        let other = Mask(grid: Grid(nx: 1, ny: 2, nz: 1, spacing: SIMD3(1, 1, 1)), voxels: [true, true])
        do {
            _ = try Extractor.extract(image: image, mask: other, settings: settings, kernels: TestKernels.kernels)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("mask: dimensions [1, 2, 1] differ from the image's [2, 1, 1]"))
        }
    }

    @Test func repeatedRunsGiveIdenticalBytes() throws {
        let values = (0..<64).map { Double(($0 * 37) % 11) }
        let (image, mask) = TestKernels.volume(4, 4, 4, values, mask: (0..<64).map { $0 % 3 != 0 })
        let a = try Extractor.extract(image: image, mask: mask, settings: settings, kernels: TestKernels.kernels)
        let b = try Extractor.extract(image: image, mask: mask, settings: settings, kernels: TestKernels.kernels)
        #expect(CanonicalJSON.bytes(try a.jsonValue) == CanonicalJSON.bytes(try b.jsonValue))
    }
}
