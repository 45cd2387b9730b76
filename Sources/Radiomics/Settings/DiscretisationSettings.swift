import Foundation
import Imaging
import RadVaultCore

/// Discretisation per family group (IBSI-1 §2.7 with the Imaging module's
/// `DiscretisationMethod`): texture families, the intensity histogram, and the
/// intensity-volume histogram (IBSI-1 §3.5 intensity cases).
public struct DiscretisationSettings: Sendable, Hashable {
    /// GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM. A fixed-bin-size lower bound left nil is the
    /// re-segmentation lower bound when there is one, else the ROI minimum (IBSI-1 §2.7).
    public var texture: DiscretisationMethod?
    /// Intensity histogram (same rules).
    public var intensityHistogram: DiscretisationMethod?
    /// Intensity-volume histogram.
    public var ivh: IVHDiscretisation

    public init(
        texture: DiscretisationMethod?, intensityHistogram: DiscretisationMethod?, ivh: IVHDiscretisation = .discrete
    ) {
        self.texture = texture
        self.intensityHistogram = intensityHistogram
        self.ivh = ivh
    }

    /// The same discretisation for texture and intensity histogram (the IBSI configurations).
    public init(both: DiscretisationMethod, ivh: IVHDiscretisation = .discrete) {
        self.init(texture: both, intensityHistogram: both, ivh: ivh)
    }

    func validate(source: String) throws {
        try Self.validate(texture, field: "\(source): discretisation.texture")
        try Self.validate(intensityHistogram, field: "\(source): discretisation.intensity_histogram")
        try ivh.validate(field: "\(source): discretisation.ivh")
    }

    static func validate(_ method: DiscretisationMethod?, field: String) throws {
        switch method {
        case .none, .some(.none): return
        case .some(.fixedBinNumber(let bins)):
            guard bins >= 1 else {
                throw RadVaultError.invalidInput("\(field).bins: \(bins); expected an integer >= 1")
            }
        case .some(.fixedBinSize(let width, let lowerBound)):
            guard width.isFinite, width > 0 else {
                throw RadVaultError.invalidInput("\(field).width: \(width); expected a finite number > 0")
            }
            if let lowerBound, !lowerBound.isFinite {
                throw RadVaultError.invalidInput("\(field).lower_bound: \(lowerBound); expected a finite number")
            }
        }
    }
}
