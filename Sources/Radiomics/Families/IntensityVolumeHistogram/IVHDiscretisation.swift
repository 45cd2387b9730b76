import RadVaultCore

/// How intensities are discretised before the intensity-volume histogram (IBSI-1 §3.5, "Discrete
/// calibrated", "Continuous calibrated" and "Arbitrary intensity units").
public enum IVHDiscretisation: Sendable, Hashable {
    /// Calibrated, discrete intensities (CT): no discretisation, w_d = 1; the total range G is
    /// the re-segmentation range (a missing bound is the ROI's min or max).
    case discrete
    /// Calibrated, continuous intensities (PET): fixed bin size `width`, bin centres; X_min/X_max
    /// are the re-segmentation bounds when given, otherwise the ROI's min and max.
    case fixedBinSize(width: Double)
    /// Arbitrary units (MRI): fixed bin number on the ROI's min and max (the re-segmentation
    /// range is not used), G = [1, N_g], w_d = 1.
    case fixedBinNumber(bins: Int)
}

extension IVHDiscretisation {
    /// Checks the parameters (positive, finite width; at least one bin).
    public func validate(field: String) throws {
        switch self {
        case .discrete: return
        case .fixedBinSize(let width):
            guard width.isFinite, width > 0 else {
                throw RadVaultError.invalidInput("\(field).width: \(width); expected a finite number > 0")
            }
        case .fixedBinNumber(let bins):
            guard bins >= 1 else {
                throw RadVaultError.invalidInput("\(field).bins: \(bins); expected an integer >= 1")
            }
        }
    }
}
