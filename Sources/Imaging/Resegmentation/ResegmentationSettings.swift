/// Settings of IBSI-1 re-segmentation (IF9H): range re-segmentation (USB3) and intensity
/// outlier filtering (7ACA). Both change the intensity mask only; the morphological mask keeps
/// the ROI's shape (ECJF). When both are set, the intersection of their ranges is kept.
public struct ResegmentationSettings: Sendable, Codable, Equatable {
    /// Lower bound a of the closed range [a, b]; nil for no lower bound.
    public var lowerBound: Double?
    /// Upper bound b of the closed range [a, b]; nil for no upper bound (the half-open [a, ∞)).
    public var upperBound: Double?
    /// Outlier filtering: keep [μ − kσ, μ + kσ] with k = `outlierSigma` (IBSI: 3), μ and σ the
    /// mean and population standard deviation of the intensities in the ROI (the morphological
    /// mask, so that the two methods' ranges are computed independently and intersected); nil = off.
    public var outlierSigma: Double?

    public init(lowerBound: Double? = nil, upperBound: Double? = nil, outlierSigma: Double? = nil) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.outlierSigma = outlierSigma
    }

    /// No re-segmentation.
    public static let none = ResegmentationSettings()

    /// Whether any re-segmentation is requested.
    public var isActive: Bool { lowerBound != nil || upperBound != nil || outlierSigma != nil }
}
