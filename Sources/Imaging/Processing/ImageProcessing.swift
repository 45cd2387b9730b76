import RadVaultCore

/// The IBSI-1 image-processing chain from image + mask to an ROI (interpolation → rounding →
/// re-segmentation). Every step is a pure function of its inputs and settings.
///
/// Slice-wise (2-D) versus volumetric (3-D) matters only for interpolation here
/// (`InterpolationSettings.inPlaneOnly`); re-segmentation and discretisation act on the whole ROI
/// in both cases, as in the IBSI configurations A and B.
///
/// Non-finite intensities: NaN or ±infinity inside the ROI are removed from the intensity mask
/// (the morphological mask keeps them) and counted in `nonFiniteVoxelsExcluded`. Interpolation
/// would smear them into their neighbours, so an image with any non-finite voxel is refused
/// when interpolation is requested.
public enum ImageProcessing {
    /// Runs the chain and returns the ROI.
    public static func prepare(image: Volume, mask: Mask, settings: ImageProcessingSettings) throws -> ROI {
        try prepareWithDiagnostics(image: image, mask: mask, settings: settings).roi
    }

    /// Runs the chain and also returns voxel counts after each step.
    public static func prepareWithDiagnostics(
        image: Volume, mask: Mask, settings: ImageProcessingSettings
    ) throws -> (roi: ROI, diagnostics: ImageProcessingDiagnostics) {
        try checkInputs(image: image, mask: mask)
        let (interpolated, morphological) = try interpolateROI(
            image: image, mask: mask, settings: settings.interpolation)
        var volume = interpolated
        if settings.roundIntensities { volume = roundIntensities(volume) }
        var intensity = morphological
        var nonFinite = 0
        for i in intensity.voxels.indices where intensity.voxels[i] && !volume.voxels[i].isFinite {
            intensity.voxels[i] = false
            nonFinite += 1
        }
        guard intensity.count > 0 else {
            throw RadVaultError.invalidInput(
                "every ROI voxel (\(nonFinite)) has a NaN or infinite intensity, expected finite intensities")
        }
        let reseg = try Resegmentation.apply(
            image: volume, morphologicalMask: morphological, intensityMask: intensity, settings: settings.resegmentation
        )
        let roi = ROI(image: volume, intensityMask: reseg.intensityMask, morphologicalMask: morphological)
        let g = volume.grid
        let diagnostics = ImageProcessingDiagnostics(
            initialDimensions: image.grid.dimensions,
            initialSpacing: [image.grid.spacing.x, image.grid.spacing.y, image.grid.spacing.z],
            initialMaskVoxels: mask.count, interpolatedDimensions: g.dimensions,
            interpolatedSpacing: [g.spacing.x, g.spacing.y, g.spacing.z],
            maskVoxelsAfterInterpolation: morphological.count, nonFiniteVoxelsExcluded: nonFinite,
            intensityVoxelsAfterRange: reseg.voxelsAfterRange, intensityVoxelsAfterOutliers: reseg.voxelsAfterOutliers,
            outlierRange: reseg.outlierRange.map { [$0.lowerBound, $0.upperBound] })
        return (roi, diagnostics)
    }

    /// Step 1: interpolation of image and mask (or both unchanged when `settings` is nil).
    static func interpolateROI(
        image: Volume, mask: Mask, settings: InterpolationSettings?
    ) throws -> (Volume, Mask) {
        guard let interpolation = settings else { return (image, mask) }
        let nonFinite = image.voxels.lazy.filter { !$0.isFinite }.count
        guard nonFinite == 0 else {
            throw RadVaultError.invalidInput(
                "image has \(nonFinite) NaN or infinite voxels, expected finite intensities before interpolation")
        }
        let target = try InterpolationGrid.make(from: image.grid, settings: interpolation)
        let volume = interpolate(image, onto: target, method: interpolation.imageMethod)
        let morphological = interpolate(mask, onto: target, settings: interpolation)
        guard morphological.count > 0 else {
            throw RadVaultError.invalidInput(
                "mask is empty after interpolation (\(mask.count) voxels before; partial-volume threshold "
                    + "\(interpolation.partialVolumeThreshold)), expected at least one voxel")
        }
        return (volume, morphological)
    }

    /// Interpolates an image to the settings' spacing (IBSI grid alignment, see `InterpolationGrid`).
    public static func interpolate(_ volume: Volume, settings: InterpolationSettings) throws -> Volume {
        let target = try InterpolationGrid.make(from: volume.grid, settings: settings)
        return interpolate(volume, onto: target, method: settings.imageMethod)
    }

    /// Interpolates a mask with `settings.maskMethod`, then keeps values ≥ the partial-volume
    /// threshold δ (IBSI E8H9). A tolerance of 1e-9 absorbs floating-point noise, so that a
    /// value that is exactly δ in exact arithmetic stays inside.
    public static func interpolate(_ mask: Mask, settings: InterpolationSettings) throws -> Mask {
        let target = try InterpolationGrid.make(from: mask.grid, settings: settings)
        return interpolate(mask, onto: target, settings: settings)
    }

    /// Rounds every intensity to the nearest integer, ties to even (IBSI 68QD).
    public static func roundIntensities(_ volume: Volume) -> Volume {
        var out = volume
        out.voxels = volume.voxels.map { $0.rounded(.toNearestOrEven) }
        return out
    }

    static func interpolate(_ volume: Volume, onto target: InterpolationGrid, method: InterpolationMethod) -> Volume {
        let voxels = Resampler.resample(volume.voxels, dims: volume.grid.dimensions, target: target, method: method)
        return Volume(grid: target.grid, voxels: voxels)
    }

    static func interpolate(_ mask: Mask, onto target: InterpolationGrid, settings: InterpolationSettings) -> Mask {
        let fractions = Resampler.resample(
            mask.voxels.map { $0 ? 1.0 : 0.0 }, dims: mask.grid.dimensions, target: target, method: settings.maskMethod)
        let threshold = settings.partialVolumeThreshold - 1e-9
        return Mask(grid: target.grid, voxels: fractions.map { $0 >= threshold })
    }

    /// Image and mask must share a grid (dimensions exactly; geometry within 1e-4 mm) and the
    /// mask must not be empty.
    static func checkInputs(image: Volume, mask: Mask) throws {
        let a = image.grid, b = mask.grid
        guard a.dimensions == b.dimensions else {
            throw RadVaultError.invalidInput(
                "mask dimensions \(b.dimensions) differ from image dimensions \(a.dimensions), expected the same grid")
        }
        for (k, s) in [a.spacing.x, a.spacing.y, a.spacing.z].enumerated() where !(s.isFinite && s > 0) {
            throw RadVaultError.invalidInput("image spacing[\(k)] = \(s), expected a positive finite voxel size")
        }
        let close = { (x: Double, y: Double) in abs(x - y) <= 1e-4 * max(1, abs(x), abs(y)) }
        let geometry =
            [
                (a.spacing.x, b.spacing.x), (a.spacing.y, b.spacing.y), (a.spacing.z, b.spacing.z),
                (a.origin.x, b.origin.x), (a.origin.y, b.origin.y), (a.origin.z, b.origin.z),
            ]
            + zip(a.direction, b.direction).map { ($0, $1) }
        guard geometry.allSatisfy({ close($0.0, $0.1) }) else {
            throw RadVaultError.invalidInput(
                "mask geometry (spacing \(b.spacing), origin \(b.origin)) differs from the image's "
                    + "(spacing \(a.spacing), origin \(a.origin)), expected the same grid")
        }
        guard mask.count > 0 else {
            throw RadVaultError.invalidInput("mask is empty (0 of \(b.count) voxels), expected at least one ROI voxel")
        }
    }
}
