/// The IBSI-1 image-processing chain before discretisation, in order: interpolation (VTM2),
/// intensity rounding (68QD), re-segmentation (IF9H).
///
/// Example, IBSI CT configuration C: `ImageProcessingSettings(interpolation:
/// InterpolationSettings(spacing: [2, 2, 2], imageMethod: .linear, maskMethod: .linear),
/// roundIntensities: true, resegmentation: ResegmentationSettings(lowerBound: -1000, upperBound: 400))`.
/// Configuration B (2-D): spacing `[2, 2, <any>]` with `inPlaneOnly: true`.
public struct ImageProcessingSettings: Sendable, Codable, Equatable {
    /// Resampling of image and mask; nil for none (IBSI configuration A, the digital phantom).
    public var interpolation: InterpolationSettings?
    /// Round intensities to the nearest integer after interpolation (ties to even, as numpy's
    /// `round` in the reference implementations). The IBSI CT configurations ask for it for every
    /// NIfTI input, interpolated or not ("at least 32-bit float, rounded to nearest integer").
    public var roundIntensities: Bool
    /// Range and outlier re-segmentation of the intensity mask.
    public var resegmentation: ResegmentationSettings

    public init(
        interpolation: InterpolationSettings? = nil, roundIntensities: Bool = false,
        resegmentation: ResegmentationSettings = .none
    ) {
        self.interpolation = interpolation
        self.roundIntensities = roundIntensities
        self.resegmentation = resegmentation
    }
}

/// Voxel counts and grids after each processing step (IBSI-1 reports such "diagnostic features").
public struct ImageProcessingDiagnostics: Sendable, Codable, Equatable {
    /// Image dimensions and spacing as given.
    public var initialDimensions: [Int]
    public var initialSpacing: [Double]
    /// Voxels in the mask as given.
    public var initialMaskVoxels: Int
    /// Dimensions and spacing after interpolation (equal to the initial ones without it).
    public var interpolatedDimensions: [Int]
    public var interpolatedSpacing: [Double]
    /// Voxels in the (morphological) mask after interpolation and the partial-volume threshold.
    public var maskVoxelsAfterInterpolation: Int
    /// ROI voxels whose intensity is NaN or ±infinity, removed from the intensity mask.
    public var nonFiniteVoxelsExcluded: Int
    /// Intensity-mask voxels after range re-segmentation.
    public var intensityVoxelsAfterRange: Int
    /// Intensity-mask voxels after range and outlier re-segmentation (the final intensity mask).
    public var intensityVoxelsAfterOutliers: Int
    /// The outlier range [μ − kσ, μ + kσ] when outlier filtering ran.
    public var outlierRange: [Double]?
}
