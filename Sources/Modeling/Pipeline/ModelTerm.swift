/// One selected feature of a fitted model, as the canonical model JSON stores it.
///
/// Keyed by the feature name (the replay comparator labels array elements by their `feature`
/// field), so a tampered or drifted coefficient reads `terms[glcm.cm_joint_max.3d_avg].coefficient`
/// rather than `coefficients[3]`.
public struct ModelTerm: Codable, Sendable, Equatable {
    public var feature: String
    /// Coefficient on the z-scored feature (xⱼ − mean)/sd.
    public var coefficient: Double
    /// Training mean and 1/n standard deviation of the raw feature (0 and 1 when not standardised).
    public var mean: Double
    public var sd: Double

    public init(feature: String, coefficient: Double, mean: Double, sd: Double) {
        self.feature = feature
        self.coefficient = coefficient
        self.mean = mean
        self.sd = sd
    }
}
