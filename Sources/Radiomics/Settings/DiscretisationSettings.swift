import Foundation
import RadVaultCore

/// Grey-level discretisation (IBSI-1 §2.7) for a family group.
public enum GreyLevelDiscretisation: Sendable, Hashable {
    /// Fixed bin number (FBN): N_g bins between the ROI's min and max intensity.
    case fixedBinNumber(bins: Int)
    /// Fixed bin size (FBS): bins of `width` from `lowerBound` (nil: the re-segmentation range's
    /// lower bound, else the ROI's minimum intensity).
    case fixedBinSize(width: Double, lowerBound: Double?)
}

extension GreyLevelDiscretisation: Codable {
    enum CodingKeys: String, CodingKey {
        case method, bins, width, lowerBound = "lower_bound"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let method = try c.decode(String.self, forKey: .method)
        switch method {
        case "fbn": self = .fixedBinNumber(bins: try c.decode(Int.self, forKey: .bins))
        case "fbs":
            self = .fixedBinSize(
                width: try c.decode(Double.self, forKey: .width),
                lowerBound: try c.decodeIfPresent(Double.self, forKey: .lowerBound))
        default:
            throw RadVaultError.invalidInput("discretisation.method: '\(method)'; expected fbn or fbs")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .fixedBinNumber(let bins):
            try c.encode("fbn", forKey: .method)
            try c.encode(bins, forKey: .bins)
        case .fixedBinSize(let width, let lowerBound):
            try c.encode("fbs", forKey: .method)
            try c.encode(width, forKey: .width)
            try c.encodeIfPresent(lowerBound, forKey: .lowerBound)
        }
    }

    func validate(field: String) throws {
        switch self {
        case .fixedBinNumber(let bins):
            guard bins >= 1 else { throw RadVaultError.invalidInput("\(field).bins: \(bins); expected an integer >= 1") }
        case .fixedBinSize(let width, let lowerBound):
            guard width.isFinite, width > 0 else {
                throw RadVaultError.invalidInput("\(field).width: \(width); expected a finite number > 0")
            }
            if let lowerBound, !lowerBound.isFinite {
                throw RadVaultError.invalidInput("\(field).lower_bound: \(lowerBound); expected a finite number")
            }
        }
    }
}

/// Discretisation per family group: texture families, the intensity histogram, and the
/// intensity-volume histogram (IBSI-1 §3.5 intensity cases).
public struct DiscretisationSettings: Codable, Sendable, Hashable {
    /// GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM.
    public var texture: GreyLevelDiscretisation?
    /// Intensity histogram.
    public var intensityHistogram: GreyLevelDiscretisation?
    /// Intensity-volume histogram.
    public var ivh: IVHDiscretisation

    enum CodingKeys: String, CodingKey {
        case texture, intensityHistogram = "intensity_histogram", ivh
    }

    public init(
        texture: GreyLevelDiscretisation?, intensityHistogram: GreyLevelDiscretisation?,
        ivh: IVHDiscretisation = .discrete
    ) {
        self.texture = texture
        self.intensityHistogram = intensityHistogram
        self.ivh = ivh
    }

    /// The same discretisation for texture and intensity histogram (the IBSI configurations).
    public init(both: GreyLevelDiscretisation, ivh: IVHDiscretisation = .discrete) {
        self.init(texture: both, intensityHistogram: both, ivh: ivh)
    }

    func validate(source: String) throws {
        try texture?.validate(field: "\(source): discretisation.texture")
        try intensityHistogram?.validate(field: "\(source): discretisation.intensity_histogram")
        try ivh.validate(field: "\(source): discretisation.ivh")
    }
}

/// Texture-matrix parameters (IBSI-1 §3.6–§3.11).
public struct TextureParameters: Codable, Sendable, Hashable {
    /// Chebyshev distance δ of GLCM neighbours and of the NGTDM/NGLDM neighbourhood.
    public var distance: Int
    /// NGLDM coarseness α.
    public var ngldmCoarseness: Int
    /// GLCM symmetry (IBSI reference values: symmetrical).
    public var glcmSymmetric: Bool

    enum CodingKeys: String, CodingKey {
        case distance, ngldmCoarseness = "ngldm_coarseness", glcmSymmetric = "glcm_symmetric"
    }

    public init(distance: Int = 1, ngldmCoarseness: Int = 0, glcmSymmetric: Bool = true) {
        self.distance = distance
        self.ngldmCoarseness = ngldmCoarseness
        self.glcmSymmetric = glcmSymmetric
    }

    func validate(source: String) throws {
        guard distance >= 1 else {
            throw RadVaultError.invalidInput("\(source): texture.distance: \(distance); expected an integer >= 1")
        }
        guard ngldmCoarseness >= 0 else {
            throw RadVaultError.invalidInput(
                "\(source): texture.ngldm_coarseness: \(ngldmCoarseness); expected an integer >= 0")
        }
    }
}
