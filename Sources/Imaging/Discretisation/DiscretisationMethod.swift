/// IBSI-1 intensity discretisation (4R0B). Grey levels start at 1.
public enum DiscretisationMethod: Sendable, Codable, Equatable, Hashable {
    /// Fixed bin number (K15C): X_d = ⌊N_g (X − X_min)/(X_max − X_min)⌋ + 1, and N_g where X = X_max;
    /// X_min, X_max over the intensity mask. A constant ROI gets level 1 everywhere.
    case fixedBinNumber(bins: Int)
    /// Fixed bin size (Q3RU): X_d = ⌊(X − X_min)/w_b⌋ + 1 with X_min = `lowerBound` (IBSI strongly
    /// recommends the re-segmentation lower bound) or, when nil, the lowest intensity in the ROI.
    case fixedBinSize(width: Double, lowerBound: Double?)
    /// No discretisation: the intensities are the grey levels (the IBSI digital phantom). They
    /// must be whole numbers ≥ 1 inside the intensity mask.
    case none
}

extension DiscretisationMethod {
    /// Fixed bin size whose lower bound is the re-segmentation lower bound, as IBSI recommends
    /// (Q3RU), or the ROI minimum when the range has no lower bound.
    public static func fixedBinSize(width: Double, resegmentation: ResegmentationSettings) -> DiscretisationMethod {
        .fixedBinSize(width: width, lowerBound: resegmentation.lowerBound)
    }
}
