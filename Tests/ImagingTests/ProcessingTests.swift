import RadVaultCore
import Testing

@testable import Imaging

/// Hand-computed rounding, re-segmentation and discretisation cases, and the bad-input policy.
@Suite struct ProcessingTests {
    static func row(_ values: [Double], mask: [Bool]? = nil) -> (Volume, Mask) {
        let grid = Grid(nx: values.count, ny: 1, nz: 1, spacing: SIMD3(1, 1, 1))
        return (Volume(grid: grid, voxels: values), Mask(grid: grid, voxels: mask ?? values.map { _ in true }))
    }

    @Test func roundingIsToNearestTiesToEven() {
        let (v, _) = Self.row([2.5, 3.5, -0.5, -1.5, 1.4999, -2.6])
        #expect(ImageProcessing.roundIntensities(v).voxels == [2, 4, 0, -2, 1, -3])
    }

    @Test func rangeResegmentationChangesOnlyTheIntensityMask() throws {
        let (v, m) = Self.row([-1200, -600, -500, 0, 400, 401, 3000])
        let s = ImageProcessingSettings(resegmentation: ResegmentationSettings(lowerBound: -500, upperBound: 400))
        let (roi, d) = try ImageProcessing.prepareWithDiagnostics(image: v, mask: m, settings: s)
        #expect(roi.intensityMask.voxels == [false, false, true, true, true, false, false])
        #expect(roi.morphologicalMask == m)
        #expect(d.intensityVoxelsAfterRange == 3 && d.intensityVoxelsAfterOutliers == 3)
        let halfOpen = try ImageProcessing.prepare(
            image: v, mask: m, settings: ImageProcessingSettings(resegmentation: ResegmentationSettings(lowerBound: 0)))
        #expect(halfOpen.intensityMask.count == 4)
    }

    @Test func outlierFilteringUsesMeanAndPopulationSD() throws {
        // Nine zeros and one 10: μ = 1, σ = √((9·1 + 81)/10) = 3,
        // so 3σ keeps [−8, 10] and 2.9σ keeps [−7.7, 9.7].
        let (v, m) = Self.row([Double](repeating: 0, count: 9) + [10])
        let keep = try ImageProcessing.prepareWithDiagnostics(
            image: v, mask: m,
            settings: ImageProcessingSettings(resegmentation: ResegmentationSettings(outlierSigma: 3)))
        #expect(keep.roi.intensityMask.count == 10)
        #expect(keep.diagnostics.outlierRange == [-8, 10])
        let drop = try ImageProcessing.prepare(
            image: v, mask: m,
            settings: ImageProcessingSettings(resegmentation: ResegmentationSettings(outlierSigma: 2.9)))
        #expect(drop.intensityMask.voxels == [Bool](repeating: true, count: 9) + [false])
        #expect(drop.morphologicalMask.count == 10)
    }

    @Test func rangeAndOutliersIntersect() throws {
        // Outlier statistics come from the ROI (morphological mask): μ = 1, σ = 3 → [−8, 10]; range drops 10 too.
        let (v, m) = Self.row([Double](repeating: 0, count: 9) + [10])
        let s = ImageProcessingSettings(resegmentation: ResegmentationSettings(upperBound: 5, outlierSigma: 3))
        let (roi, d) = try ImageProcessing.prepareWithDiagnostics(image: v, mask: m, settings: s)
        #expect(roi.intensityMask.count == 9)
        #expect(d.outlierRange == [-8, 10])
    }

    @Test func resegmentationThatRemovesEverythingIsAnError() throws {
        let (v, m) = Self.row([-900, -800, 1000])
        let s = ImageProcessingSettings(resegmentation: ResegmentationSettings(lowerBound: -500, upperBound: 400))
        let error = #expect(throws: RadVaultError.self) { try ImageProcessing.prepare(image: v, mask: m, settings: s) }
        #expect(
            error?.message == "re-segmentation to [-500.0, 400.0] removed all 3 ROI voxels "
                + "(intensities -900.0...1000.0), expected at least one voxel to remain")
    }

    @Test func emptyMaskIsAnError() throws {
        let (v, _) = Self.row([1, 2, 3])
        let empty = Mask(grid: v.grid, voxels: [false, false, false])
        let error = #expect(throws: RadVaultError.self) {
            try ImageProcessing.prepare(image: v, mask: empty, settings: ImageProcessingSettings())
        }
        #expect(error?.message == "mask is empty (0 of 3 voxels), expected at least one ROI voxel")
    }

    @Test func maskOnAnotherGridIsAnError() throws {
        let (v, _) = Self.row([1, 2, 3])
        let other = Mask(grid: Grid(nx: 3, ny: 1, nz: 1, spacing: SIMD3(2, 1, 1)), voxels: [true, true, true])
        let error = #expect(throws: RadVaultError.self) {
            try ImageProcessing.prepare(image: v, mask: other, settings: ImageProcessingSettings())
        }
        #expect(error?.message.hasPrefix("mask geometry (spacing SIMD3<Double>(2.0, 1.0, 1.0)") == true)
    }

    @Test func nonFiniteVoxelsAreExcludedAndCounted() throws {
        let (v, m) = Self.row([1, .nan, 3, .infinity, 5])
        let (roi, d) = try ImageProcessing.prepareWithDiagnostics(
            image: v, mask: m, settings: ImageProcessingSettings())
        #expect(d.nonFiniteVoxelsExcluded == 2)
        #expect(roi.intensityMask.voxels == [true, false, true, false, true])
        #expect(roi.morphologicalMask.count == 5)
        let s = ImageProcessingSettings(interpolation: InterpolationSettings(spacing: [2, 1, 1]))
        let error = #expect(throws: RadVaultError.self) { try ImageProcessing.prepare(image: v, mask: m, settings: s) }
        #expect(
            error?.message == "image has 2 NaN or infinite voxels, expected finite intensities before interpolation")
    }

    @Test func fixedBinNumber() throws {
        let (v, m) = Self.row([1, 2, 3, 4, 5])
        let roi = try ImageProcessing.prepare(image: v, mask: m, settings: ImageProcessingSettings())
        let d = try Discretisation.apply(roi: roi, method: .fixedBinNumber(bins: 2))
        // ⌊2(x − 1)/4⌋ + 1, and N_g at the maximum.
        #expect(d.levels == [1, 1, 2, 2, 2])
        #expect(d.levelCount == 2)
        let constant = try ImageProcessing.prepare(
            image: Self.row([4, 4]).0, mask: Self.row([4, 4]).1, settings: .init())
        #expect(try Discretisation.apply(roi: constant, method: .fixedBinNumber(bins: 8)).levels == [1, 1])
    }

    @Test func fixedBinSizeWithAndWithoutLowerBound() throws {
        let (v, m) = Self.row([1, 2, 3, 4, 5, 99], mask: [true, true, true, true, true, false])
        let roi = try ImageProcessing.prepare(image: v, mask: m, settings: ImageProcessingSettings())
        let bounded = try Discretisation.apply(roi: roi, method: .fixedBinSize(width: 2, lowerBound: 0))
        #expect(bounded.levels == [1, 2, 2, 3, 3, 0])
        #expect(bounded.levelCount == 3)
        let fromRange = DiscretisationMethod.fixedBinSize(width: 2, resegmentation: .init(lowerBound: 0, upperBound: 9))
        #expect(fromRange == .fixedBinSize(width: 2, lowerBound: 0))
        let dataDriven = try Discretisation.apply(roi: roi, method: .fixedBinSize(width: 2, lowerBound: nil))
        #expect(dataDriven.levels == [1, 1, 2, 2, 3, 0])
        let error = #expect(throws: RadVaultError.self) {
            try Discretisation.apply(roi: roi, method: .fixedBinSize(width: 2, lowerBound: 3))
        }
        #expect(error?.message.hasPrefix("fixed bin size: intensity 1.0 lies below the lower bound 3.0") == true)
    }

    @Test func noDiscretisationNeedsWholeLevels() throws {
        let (v, m) = Self.row([1, 2.5])
        let roi = try ImageProcessing.prepare(image: v, mask: m, settings: ImageProcessingSettings())
        let error = #expect(throws: RadVaultError.self) { try Discretisation.apply(roi: roi, method: .none) }
        #expect(error?.message == "discretisation 'none': voxel 1 has intensity 2.5, expected whole grey levels >= 1")
    }

    @Test func digitalPhantomThroughTheChain() throws {
        let image = try NIfTIFile.read(path: fixture("digital_phantom/image.nii.gz"))
        let mask = try NIfTIFile.readMask(path: fixture("digital_phantom/mask.nii.gz"))
        let (roi, d) = try ImageProcessing.prepareWithDiagnostics(
            image: image, mask: mask, settings: ImageProcessingSettings())
        #expect(d.initialMaskVoxels == 74 && d.intensityVoxelsAfterOutliers == 74)
        let none = try Discretisation.apply(roi: roi, method: .none)
        #expect(none.levelCount == 6)
        // IBSI: "a fixed bin number of 6 or a fixed bin size of 1 leaves it unchanged".
        #expect(try Discretisation.apply(roi: roi, method: .fixedBinNumber(bins: 6)).levels == none.levels)
        #expect(
            try Discretisation.apply(roi: roi, method: .fixedBinSize(width: 1, lowerBound: nil)).levels == none.levels)
        let counts = Dictionary(grouping: none.levels.filter { $0 > 0 }, by: { $0 }).mapValues(\.count)
        #expect(counts.values.reduce(0, +) == 74)
    }

    @Test func chainIsDeterministic() throws {
        let grid = Grid(nx: 7, ny: 6, nz: 5, spacing: SIMD3(0.9, 0.9, 2.5))
        var rng = SeededGenerator(seed: 7)
        let v = Volume(grid: grid, voxels: (0..<grid.count).map { _ in (rng.nextUniform() * 2000 - 1000).rounded() })
        let m = Mask(grid: grid, voxels: (0..<grid.count).map { $0 % 3 != 0 })
        let s = ImageProcessingSettings(
            interpolation: InterpolationSettings(spacing: [2, 2, 2], imageMethod: .cubicSpline),
            roundIntensities: true,
            resegmentation: ResegmentationSettings(lowerBound: -500, upperBound: 400, outlierSigma: 3))
        let a = try ImageProcessing.prepare(image: v, mask: m, settings: s)
        let b = try ImageProcessing.prepare(image: v, mask: m, settings: s)
        #expect(a.image.voxelDigest == b.image.voxelDigest)
        #expect(a.intensityMask.voxelDigest == b.intensityMask.voxelDigest)
        #expect(a.image.grid.dimensions == [4, 3, 7])
    }
}
