import Foundation
import Imaging
import RadVaultCore

/// Everything that determines a per-subject feature extraction, in IBSI-1 terms: the image
/// processing chain (IBSI-1 chapter 2: interpolation, rounding, re-segmentation, with the
/// Imaging module's settings types), discretisation per family group, the families, the
/// texture aggregations and the texture parameters.
///
/// Two settings that are equal give the same `canonicalJSON` bytes and `digest` (lists of
/// families and aggregations are kept in registry order without duplicates). The canonical
/// JSON has exactly the keys of the YAML schema (see `ExtractionSettings+YAML.swift`), so it
/// reads back with `parse(json:)`.
public struct ExtractionSettings: Sendable, Equatable {
    /// Mask label to select when reading a mask file (nil: every non-zero voxel is inside).
    public var maskLabel: Int?
    /// Round intensities to the nearest integer after loading/interpolation (IBSI-1 reference
    /// configurations: "rounded to the nearest integer").
    public var roundIntensities: Bool
    /// Interpolation to a new grid; nil: none.
    public var interpolation: InterpolationSettings?
    /// Re-segmentation of the intensity mask (range and/or outliers).
    public var resegmentation: ResegmentationSettings
    /// Discretisation per family group.
    public var discretisation: DiscretisationSettings
    /// Families to compute, in `FeatureFamily.allCases` order.
    public var families: [FeatureFamily]
    /// Texture aggregation methods, in `Aggregation.allCases` order; each texture family uses
    /// those of them that IBSI defines for it.
    public var aggregations: [Aggregation]
    /// Texture matrix parameters (distances, NGLDM coarseness, GLDZM distance norm).
    public var texture: TextureSettings

    public init(
        maskLabel: Int? = nil, roundIntensities: Bool = false, interpolation: InterpolationSettings? = nil,
        resegmentation: ResegmentationSettings = .none, discretisation: DiscretisationSettings,
        families: [FeatureFamily] = FeatureFamily.allCases, aggregations: [Aggregation] = Aggregation.allCases,
        texture: TextureSettings = TextureSettings()
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

    /// The Imaging processing-chain settings (interpolation, rounding, re-segmentation).
    public var processing: ImageProcessingSettings {
        ImageProcessingSettings(
            interpolation: interpolation, roundIntensities: roundIntensities, resegmentation: resegmentation)
    }

    /// The aggregations used for a texture family: the requested ones that IBSI defines for it.
    public func aggregations(for family: FeatureFamily) -> [Aggregation] {
        Aggregation.methods(for: family).filter(aggregations.contains)
    }

    /// Digest of the canonical JSON bytes.
    public var digest: Digest { CanonicalJSON.digest(canonicalJSON) }

    /// Checks every value; the error names the key and the expectation.
    public func validate(source: String = "settings") throws {
        if let maskLabel, maskLabel < 1 {
            throw RadVaultError.invalidInput("\(source): mask_label: \(maskLabel); expected an integer >= 1")
        }
        try Self.validate(interpolation, source: source)
        try Self.validate(resegmentation, source: source)
        try discretisation.validate(source: source)
        do {
            try texture.validate()
        } catch let error as RadVaultError {
            throw RadVaultError.invalidInput("\(source): texture: \(error.message)")
        }
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

    static func validate(_ interpolation: InterpolationSettings?, source: String) throws {
        guard let interpolation else { return }
        guard interpolation.spacing.count == 3, interpolation.spacing.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw RadVaultError.invalidInput(
                "\(source): interpolation.spacing: \(interpolation.spacing); expected three finite numbers > 0 "
                    + "(x, y, z in mm)")
        }
        let threshold = interpolation.partialVolumeThreshold
        guard threshold > 0, threshold <= 1 else {
            throw RadVaultError.invalidInput(
                "\(source): interpolation.partial_volume_threshold: \(threshold); expected a number in (0, 1]")
        }
    }

    static func validate(_ reseg: ResegmentationSettings, source: String) throws {
        if let lower = reseg.lowerBound, let upper = reseg.upperBound, !(lower < upper) {
            throw RadVaultError.invalidInput(
                "\(source): resegmentation.range: [\(lower), \(upper)]; expected lower < upper")
        }
        if let sigma = reseg.outlierSigma, !(sigma > 0 && sigma.isFinite) {
            throw RadVaultError.invalidInput(
                "\(source): resegmentation.outlier_sigma: \(sigma); expected a finite number > 0")
        }
    }
}
