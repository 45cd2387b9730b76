import Foundation
import Imaging
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Radiomics

/// `Extractor.extract(imagePath:maskPath:settings:)` (which decodes only the ROI's box without
/// interpolation) gives the same bytes, features and diagnostics, as reading both files whole
/// and calling `extract(image:mask:settings:)`.
@Suite struct ExtractorFileTests {
    static let phantom = TestSupport.repositoryRoot
        .appendingPathComponent("Sources/Radiomics/Resources/ibsi/ct_phantom")

    /// Canonical JSON of both ways of extracting.
    static func bothWays(image: String, mask: String, settings: ExtractionSettings) throws -> ([UInt8], [UInt8]) {
        let whole = try Extractor.extract(
            image: try NIfTIFile.read(path: image), mask: try NIfTIFile.readMask(path: mask, label: settings.maskLabel),
            settings: settings)
        let files = try Extractor.extract(imagePath: image, maskPath: mask, settings: settings)
        return (CanonicalJSON.bytes(try whole.jsonValue), CanonicalJSON.bytes(try files.jsonValue))
    }

    @Test(arguments: [false, true])
    func ctPhantomFromFilesEqualsWholeVolumes(resegment: Bool) throws {
        let settings = ExtractionSettings(
            roundIntensities: resegment,
            resegmentation: resegment ? ResegmentationSettings(lowerBound: -500, upperBound: 400) : .none,
            discretisation: DiscretisationSettings(both: .fixedBinSize(width: 25, lowerBound: nil)),
            families: [.localIntensity, .intensityStatistics, .glcm], aggregations: [.merged3D])
        let (whole, files) = try Self.bothWays(
            image: Self.phantom.appendingPathComponent("image.nii.gz").path,
            mask: Self.phantom.appendingPathComponent("mask.nii.gz").path, settings: settings)
        #expect(whole == files)
        let text = String(decoding: files, as: UTF8.self)
        #expect(text.contains("\"dimensions\":[204,201,60]"))
    }

    /// A mask touching the image's corners (the box is the whole grid) and one in a corner, on a
    /// small image, with and without interpolation.
    @Test(arguments: [false, true])
    func smallImageFromFilesEqualsWholeVolumes(interpolate: Bool) throws {
        let grid = Grid(nx: 12, ny: 9, nz: 14, spacing: SIMD3(1, 1.25, 2), origin: SIMD3(-3, 4, 5))
        let image = Volume(grid: grid, voxels: (0..<grid.count).map { Double(($0 * 37) % 101) - 30.5 })
        let dir = try TestSupport.temporaryDirectory("extract-files")
        let imagePath = dir.appendingPathComponent("image.nii.gz").path
        try NIfTIFile.write(image, to: imagePath)
        let settings = ExtractionSettings(
            interpolation: interpolate ? InterpolationSettings(spacing: [2, 2, 2]) : nil,
            discretisation: DiscretisationSettings(both: .fixedBinNumber(bins: 8)),
            families: [.localIntensity, .intensityStatistics, .ngtdm], aggregations: [.volume3D])
        let corner = (0..<grid.count).map { index in index % 12 < 4 && (index / 12) % 9 < 3 && index / 108 < 5 }
        let spread = (0..<grid.count).map { index in index == 0 || index == grid.count - 1 || index % 5 == 0 }
        for (name, voxels) in [("corner", corner), ("spread", spread)] {
            let maskPath = dir.appendingPathComponent("\(name).nii.gz").path
            try NIfTIFile.write(
                Volume(grid: grid, voxels: voxels.map { $0 ? 1 : 0 }), to: maskPath, datatype: "uint8")
            let (whole, files) = try Self.bothWays(image: imagePath, mask: maskPath, settings: settings)
            #expect(whole == files, "\(name)")
        }
    }

    @Test func mismatchedDimensionsAndEmptyMaskAreNamed() throws {
        let dir = try TestSupport.temporaryDirectory("extract-files-errors")
        let grid = Grid(nx: 4, ny: 4, nz: 4, spacing: SIMD3(1, 1, 1))
        let imagePath = dir.appendingPathComponent("image.nii").path
        try NIfTIFile.write(Volume(grid: grid, voxels: (0..<64).map(Double.init)), to: imagePath)
        let small = Grid(nx: 4, ny: 4, nz: 3, spacing: SIMD3(1, 1, 1))
        let maskPath = dir.appendingPathComponent("mask.nii").path
        try NIfTIFile.write(Volume(grid: small, voxels: [Double](repeating: 1, count: 48)), to: maskPath)
        let settings = ExtractionSettings(discretisation: DiscretisationSettings(both: .fixedBinNumber(bins: 8)))
        #expect {
            try Extractor.extract(imagePath: imagePath, maskPath: maskPath, settings: settings)
        } throws: { error in
            "\(error)".contains("mask: dimensions [4, 4, 3] differ from the image's [4, 4, 4]; expected the same grid")
        }
        let emptyPath = dir.appendingPathComponent("empty.nii").path
        try NIfTIFile.write(Volume(grid: grid, voxels: [Double](repeating: 0, count: 64)), to: emptyPath)
        #expect {
            try Extractor.extract(imagePath: imagePath, maskPath: emptyPath, settings: settings)
        } throws: { error in
            "\(error)".contains("mask: the ROI is empty; expected at least one voxel inside the mask")
        }
    }
}
