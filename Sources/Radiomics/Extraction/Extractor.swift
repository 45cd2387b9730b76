import Foundation
import Imaging
import RadVaultCore

/// The per-subject feature extraction: image + mask + settings → features and diagnostics.
///
/// This is the single function that `radvault extract` and its replay call. It is a pure,
/// sequential function of its inputs: the same inputs always give the same values in the same
/// order. Families that cannot be computed on a degenerate ROI (one voxel, one slice with 3D
/// features, one grey level) are left out with a per-family reason in the diagnostics; when
/// nothing at all can be computed the reasons are thrown as one `invalidInput` error.
public enum Extractor {
    /// Extracts every requested family with the standard kernels.
    public static func extract(image: Volume, mask: Mask, settings: ExtractionSettings) throws -> FeatureResult {
        try extract(image: image, mask: mask, settings: settings, kernels: .standard)
    }

    /// Extracts every requested family with the given kernels.
    public static func extract(
        image: Volume, mask: Mask, settings: ExtractionSettings, kernels: ExtractionKernels
    ) throws -> FeatureResult {
        try checkInputs(imageDimensions: image.grid.dimensions, mask: mask, settings: settings)
        let input = snapshot("input", image: image, intensity: mask, morphological: mask)
        // Crop to the ROI's neighbourhood (exact, see ROICrop): before processing when there is no
        // interpolation, always after it.
        let (cropped, croppedMask) =
            settings.interpolation == nil ? ROICrop.crop(image: image, mask: mask) : (image, mask)
        return try extract(cropped: cropped, mask: croppedMask, inputStep: input, settings: settings, kernels: kernels)
    }

    /// Checks the settings, that image and mask share dimensions and that the mask is not empty.
    static func checkInputs(imageDimensions: [Int], mask: Mask, settings: ExtractionSettings) throws {
        try settings.validate()
        guard imageDimensions == mask.grid.dimensions else {
            throw RadVaultError.invalidInput(
                "mask: dimensions \(mask.grid.dimensions) differ from the image's \(imageDimensions); "
                    + "expected the same grid")
        }
        guard mask.voxels.contains(true) else {
            throw RadVaultError.invalidInput("mask: the ROI is empty; expected at least one voxel inside the mask")
        }
    }

    /// Processing and families on an image and mask already cropped to the ROI's neighbourhood
    /// (when there is no interpolation); `inputStep` is the snapshot of the uncropped input.
    static func extract(
        cropped input: Volume, mask inputMask: Mask, inputStep: ProcessingStepDiagnostics,
        settings: ExtractionSettings, kernels: ExtractionKernels
    ) throws -> FeatureResult {
        var diagnostics = ExtractionDiagnostics()
        diagnostics.steps.append(inputStep)
        let (prepared, processing) = try kernels.prepare(input, inputMask, settings.processing)
        diagnostics.processing = processing
        let roi = ROICrop.crop(prepared)
        diagnostics.steps.append(
            snapshot(
                "processed", image: prepared.image, intensity: prepared.intensityMask,
                morphological: prepared.morphologicalMask))
        guard roi.intensityMask.voxels.contains(true) else {
            throw RadVaultError.invalidInput(
                "mask: no voxel of the ROI intensity mask is left after interpolation and re-segmentation; "
                    + "expected at least one (check resegmentation.range against the image intensities)")
        }
        var run = FamilyRun(roi: roi, settings: settings, kernels: kernels, shape: ROIShape(roi: roi))
        var features: [FeatureValue] = []
        for family in settings.families {
            features += try run.compute(family)
        }
        diagnostics.greyLevels = run.greyLevels
        diagnostics.skipped = run.skipped
        if features.isEmpty {
            throw RadVaultError.invalidInput(
                "no requested feature can be computed on this ROI: "
                    + run.skipped.map(\.message).joined(separator: "; "))
        }
        return FeatureResult(features: features, diagnostics: diagnostics)
    }

    static func snapshot(_ step: String, image: Volume, intensity: Mask, morphological: Mask)
        -> ProcessingStepDiagnostics
    {
        var count = 0
        var sum = 0.0
        var low = Double.infinity
        var high = -Double.infinity
        intensity.voxels.withUnsafeBufferPointer { mask in
            image.voxels.withUnsafeBufferPointer { voxels in
                for index in 0..<min(mask.count, voxels.count) where mask[index] {
                    let x = voxels[index]
                    count += 1
                    sum += x
                    low = min(low, x)
                    high = max(high, x)
                }
            }
        }
        let morphologicalCount = morphological.voxels.withUnsafeBufferPointer { mask in
            var n = 0
            for inside in mask where inside { n += 1 }
            return n
        }
        return ProcessingStepDiagnostics(
            step: step, dimensions: image.grid.dimensions,
            spacing: [image.grid.spacing.x, image.grid.spacing.y, image.grid.spacing.z],
            intensityMaskVoxels: count, morphologicalMaskVoxels: morphologicalCount,
            roiMinimum: count > 0 ? low : nil, roiMaximum: count > 0 ? high : nil,
            roiMean: count > 0 ? sum / Double(count) : nil)
    }
}

/// Extent facts about an ROI that decide which families are defined on it.
struct ROIShape {
    /// Voxels in the intensity mask.
    let intensityVoxels: Int
    /// Voxels in the morphological mask.
    let morphologicalVoxels: Int
    /// Distinct slices (z) holding morphological-mask voxels.
    let slices: Int
    /// Lowest and highest intensity in the intensity mask.
    let minimum: Double
    let maximum: Double

    init(roi: ROI) {
        var count = 0
        var low = Double.infinity
        var high = -Double.infinity
        roi.intensityMask.voxels.withUnsafeBufferPointer { mask in
            roi.image.voxels.withUnsafeBufferPointer { image in
                for index in 0..<min(mask.count, image.count) where mask[index] {
                    count += 1
                    low = min(low, image[index])
                    high = max(high, image[index])
                }
            }
        }
        intensityVoxels = count
        minimum = low
        maximum = high
        // A flag per slice, not a hash set of z (hashing every ROI voxel was measurable).
        let g = roi.morphologicalMask.grid
        let sliceSize = max(g.nx * g.ny, 1)
        var occupied = [Bool](repeating: false, count: roi.morphologicalMask.voxels.count / sliceSize + 1)
        var morph = 0
        roi.morphologicalMask.voxels.withUnsafeBufferPointer { mask in
            for index in 0..<mask.count where mask[index] {
                morph += 1
                occupied[index / sliceSize] = true
            }
        }
        morphologicalVoxels = morph
        slices = occupied.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}
