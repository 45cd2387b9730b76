import Foundation
import RadVaultCore

/// Everything that determines a per-subject feature extraction, in IBSI-1 terms: the image
/// processing chain (IBSI-1 chapter 2: interpolation, re-segmentation, discretisation), the
/// families and the texture aggregations and parameters.
///
/// Two settings that are equal give the same `canonicalJSON` bytes and `digest` (lists of
/// families and aggregations are kept in registry order without duplicates).
public struct ExtractionSettings: Codable, Sendable, Hashable {
    /// Mask label to select (nil: every non-zero voxel is inside).
    public var maskLabel: Int?
    /// Round intensities to the nearest integer on loading and after interpolation (IBSI-1
    /// reference configurations: "rounded to the nearest integer").
    public var roundIntensities: Bool
    /// Interpolation to a new grid; nil: none.
    public var interpolation: InterpolationSettings?
    /// Re-segmentation of the intensity mask; nil: none.
    public var resegmentation: ResegmentationSettings?
    /// Discretisation per family group.
    public var discretisation: DiscretisationSettings
    /// Families to compute, in `FeatureFamily.allCases` order.
    public var families: [FeatureFamily]
    /// Texture aggregation methods, in `Aggregation.allCases` order; each texture family uses
    /// those of them that IBSI defines for it.
    public var aggregations: [Aggregation]
    /// Texture matrix parameters.
    public var texture: TextureParameters

    enum CodingKeys: String, CodingKey {
        case maskLabel = "mask_label", roundIntensities = "round_intensities", interpolation, resegmentation
        case discretisation, families, aggregations, texture
    }

    public init(
        maskLabel: Int? = nil, roundIntensities: Bool = false, interpolation: InterpolationSettings? = nil,
        resegmentation: ResegmentationSettings? = nil, discretisation: DiscretisationSettings,
        families: [FeatureFamily] = FeatureFamily.allCases, aggregations: [Aggregation] = Aggregation.allCases,
        texture: TextureParameters = TextureParameters()
    ) {
        self.maskLabel = maskLabel
        self.roundIntensities = roundIntensities
        self.interpolation = interpolation
        self.resegmentation = resegmentation
        self.discretisation = discretisation
        self.families = FeatureFamily.allCases.filter(families.contains)
        self.aggregations = Aggregation.allCases.filter(aggregations.contains)
        self.texture = texture
    }

    /// The aggregations used for a texture family: the requested ones that IBSI defines for it.
    public func aggregations(for family: FeatureFamily) -> [Aggregation] {
        Aggregation.methods(for: family).filter(aggregations.contains)
    }

    /// The canonical JSON form (sorted keys, shortest doubles): the bytes a `params` artifact
    /// stores and hashes.
    public var canonicalJSON: JSONValue {
        get throws { try CanonicalJSON.jsonValue(self) }
    }

    /// Digest of the canonical JSON bytes.
    public var digest: Digest {
        get throws { CanonicalJSON.digest(try canonicalJSON) }
    }

    /// Checks every value; the error names the key and the expectation.
    public func validate(source: String = "settings") throws {
        if let maskLabel, maskLabel < 1 {
            throw RadVaultError.invalidInput("\(source): mask_label: \(maskLabel); expected an integer >= 1")
        }
        try interpolation?.validate(source: source)
        try resegmentation?.validate(source: source)
        try discretisation.validate(source: source)
        try texture.validate(source: source)
        guard !families.isEmpty else {
            throw RadVaultError.invalidInput("\(source): families: empty; expected at least one feature family")
        }
        let textured = families.filter(\.isTexture)
        if !textured.isEmpty, discretisation.texture == nil {
            throw RadVaultError.invalidInput(
                "\(source): discretisation.texture: missing; expected it because "
                    + textured.map(\.rawValue).joined(separator: ", ") + " are requested")
        }
        if families.contains(.intensityHistogram), discretisation.intensityHistogram == nil {
            throw RadVaultError.invalidInput(
                "\(source): discretisation.intensity_histogram: missing; expected it because "
                    + "intensity_histogram is requested")
        }
        for family in textured where aggregations(for: family).isEmpty {
            throw RadVaultError.invalidInput(
                "\(source): aggregations: none applies to \(family.rawValue); expected one of "
                    + Aggregation.methods(for: family).map(\.rawValue).joined(separator: ", "))
        }
    }
}

/// Image interpolation (IBSI-1 §2.4): grid centres aligned, grid size the ceiling of the
/// fractional size, nearest-boundary padding.
public struct InterpolationSettings: Codable, Sendable, Hashable {
    /// Target voxel spacing in mm, [x, y, z]. With `inPlane`, z is ignored (kept as given).
    public var spacing: [Double]
    /// Interpolate within each slice only (2D configurations).
    public var inPlane: Bool
    /// Image interpolation method.
    public var method: InterpolationMethod
    /// ROI mask interpolation method.
    public var maskMethod: InterpolationMethod
    /// Partial-volume threshold: interpolated mask values ≥ it are inside (IBSI §2.4, 0.5).
    public var partialVolumeThreshold: Double

    enum CodingKeys: String, CodingKey {
        case spacing, inPlane = "in_plane", method, maskMethod = "mask_method"
        case partialVolumeThreshold = "partial_volume_threshold"
    }

    public init(
        spacing: [Double], inPlane: Bool = false, method: InterpolationMethod = .linear,
        maskMethod: InterpolationMethod = .linear, partialVolumeThreshold: Double = 0.5
    ) {
        self.spacing = spacing
        self.inPlane = inPlane
        self.method = method
        self.maskMethod = maskMethod
        self.partialVolumeThreshold = partialVolumeThreshold
    }

    func validate(source: String) throws {
        guard spacing.count == 3, spacing.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw RadVaultError.invalidInput(
                "\(source): interpolation.spacing: \(spacing); expected three finite numbers > 0 (x, y, z in mm)")
        }
        guard partialVolumeThreshold > 0, partialVolumeThreshold <= 1 else {
            throw RadVaultError.invalidInput(
                "\(source): interpolation.partial_volume_threshold: \(partialVolumeThreshold); expected a number "
                    + "in (0, 1]")
        }
    }
}

/// Interpolation kernels (IBSI-1 §2.4): nearest neighbour, (bi/tri)linear, (tri)cubic spline.
public enum InterpolationMethod: String, Codable, Sendable, Hashable, CaseIterable {
    case nearest, linear, cubic
}

/// A re-segmentation range [lower, upper] in image units; a missing bound is open. Encoded as
/// the two-element list `[lower, upper]` with `null` for an open bound, as in the YAML schema.
public struct ResegmentationRange: Codable, Sendable, Hashable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        lower = try c.decodeNil() ? nil : try c.decode(Double.self)
        upper = try c.decodeNil() ? nil : try c.decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        if let lower { try c.encode(lower) } else { try c.encodeNil() }
        if let upper { try c.encode(upper) } else { try c.encodeNil() }
    }
}

/// Re-segmentation of the intensity mask (IBSI-1 §2.5): a range and/or outlier filtering at
/// μ ± nσ of the ROI intensities.
public struct ResegmentationSettings: Codable, Sendable, Hashable {
    public var range: ResegmentationRange?
    /// n of the μ ± nσ outlier filter (IBSI: 3); nil: no outlier filtering.
    public var outlierSigma: Double?

    enum CodingKeys: String, CodingKey {
        case range, outlierSigma = "outlier_sigma"
    }

    public init(range: ResegmentationRange? = nil, outlierSigma: Double? = nil) {
        self.range = range
        self.outlierSigma = outlierSigma
    }

    func validate(source: String) throws {
        if let lower = range?.lower, let upper = range?.upper, !(lower < upper) {
            throw RadVaultError.invalidInput(
                "\(source): resegmentation.range: [\(lower), \(upper)]; expected lower < upper")
        }
        if let outlierSigma, !(outlierSigma > 0 && outlierSigma.isFinite) {
            throw RadVaultError.invalidInput(
                "\(source): resegmentation.outlier_sigma: \(outlierSigma); expected a finite number > 0")
        }
    }
}
