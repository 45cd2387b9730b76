/// Interpolation kernel (IBSI-1 §2.4 "Interpolation algorithms").
public enum InterpolationMethod: String, Sendable, Codable, CaseIterable {
    /// Nearest neighbour: the intensity of the closest original voxel (ties round up: ⌊p + 0.5⌋).
    case nearest
    /// Linear along each interpolated axis: trilinear in 3-D, bilinear in-plane.
    case linear
    /// Cubic B-spline (IBSI "tricubic spline"): the image is prefiltered into B-spline
    /// coefficients and the cubic spline is evaluated at each new voxel centre. Matches
    /// `scipy.ndimage.map_coordinates(order=3, mode="nearest")`, which the IBSI reference
    /// implementation (mirp) uses: 12 edge voxels of padding, mirror-symmetric prefilter
    /// (Unser, IEEE Signal Process. Mag. 1999, "Splines: a perfect fit").
    case cubicSpline
}

/// Settings of IBSI-1 interpolation (VTM2) with "align grid centres" (3WE3) and the
/// "ceiling of the fractional grid size" rule (026Q); boundary: nearest boundary intensity.
public struct InterpolationSettings: Sendable, Codable, Equatable {
    /// Target voxel spacing in mm, `[x, y, z]`. With `inPlaneOnly`, z is ignored (kept as is).
    public var spacing: [Double]
    /// IBSI 2-D interpolation: interpolate within each slice only; slices and their spacing stay.
    public var inPlaneOnly: Bool
    /// Kernel for the image intensities.
    public var imageMethod: InterpolationMethod
    /// Kernel for the ROI mask (IBSI E8H9 recommends nearest or linear).
    public var maskMethod: InterpolationMethod
    /// IBSI partial-volume threshold δ: an interpolated mask value ≥ δ is inside (default 0.5).
    public var partialVolumeThreshold: Double
    /// Largest interpolated grid accepted (voxels); checked before allocating (default 2^31).
    public var maxVoxels: Int

    public init(
        spacing: [Double], inPlaneOnly: Bool = false, imageMethod: InterpolationMethod = .linear,
        maskMethod: InterpolationMethod = .linear, partialVolumeThreshold: Double = 0.5, maxVoxels: Int = 1 << 31
    ) {
        self.spacing = spacing
        self.inPlaneOnly = inPlaneOnly
        self.imageMethod = imageMethod
        self.maskMethod = maskMethod
        self.partialVolumeThreshold = partialVolumeThreshold
        self.maxVoxels = maxVoxels
    }
}
