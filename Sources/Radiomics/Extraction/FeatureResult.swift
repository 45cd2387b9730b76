import Foundation
import Imaging
import RadVaultCore

/// The output of one per-subject extraction: feature values in registry order and diagnostics.
public struct FeatureResult: Sendable, Codable, Equatable {
    public var features: [FeatureValue]
    public var diagnostics: ExtractionDiagnostics

    public init(features: [FeatureValue], diagnostics: ExtractionDiagnostics) {
        self.features = features
        self.diagnostics = diagnostics
    }

    /// The value of a feature by family, tag and aggregation, if computed.
    public func value(_ family: FeatureFamily, _ tag: String, _ aggregation: Aggregation? = nil) -> Double? {
        features.first { $0.family == family && $0.tag == tag && $0.aggregation == aggregation }?.value
    }

    /// Canonical JSON: `{"diagnostics": {...}, "features": {"<column>": value, ...}}`.
    public var jsonValue: JSONValue {
        get throws {
            var columns: [String: JSONValue] = [:]
            for feature in features { columns[feature.columnName] = .number(feature.value) }
            return .object(["features": .object(columns), "diagnostics": try CanonicalJSON.jsonValue(diagnostics)])
        }
    }
}

/// How the ROI changed along the processing chain, the grey levels obtained, and the families
/// (or aggregations) that could not be computed, with the reason (DESIGN.md: a feature that
/// cannot be computed carries a reason into diagnostics).
public struct ExtractionDiagnostics: Sendable, Codable, Equatable {
    /// One snapshot per processing step ("input", "processed").
    public var steps: [ProcessingStepDiagnostics]
    /// Voxel counts after interpolation, range and outlier re-segmentation (Imaging chain).
    public var processing: ImageProcessingDiagnostics?
    /// Grey levels per family group after discretisation ("texture", "intensity_histogram",
    /// "ivh"): the number of distinct levels present in the ROI.
    public var greyLevels: [String: Int]
    /// Families or family aggregations left out, with the reason.
    public var skipped: [SkippedFeatures]

    enum CodingKeys: String, CodingKey {
        case steps, processing, greyLevels = "grey_levels", skipped
    }

    public init(
        steps: [ProcessingStepDiagnostics] = [], greyLevels: [String: Int] = [:], skipped: [SkippedFeatures] = []
    ) {
        self.steps = steps
        self.greyLevels = greyLevels
        self.skipped = skipped
    }
}

/// The image and ROI after one processing step (the IBSI-1 diagnostic features).
public struct ProcessingStepDiagnostics: Sendable, Codable, Hashable {
    public var step: String
    public var dimensions: [Int]
    public var spacing: [Double]
    public var intensityMaskVoxels: Int
    public var morphologicalMaskVoxels: Int
    public var roiMinimum: Double?
    public var roiMaximum: Double?
    public var roiMean: Double?

    enum CodingKeys: String, CodingKey {
        case step, dimensions, spacing, intensityMaskVoxels = "intensity_mask_voxels"
        case morphologicalMaskVoxels = "morphological_mask_voxels", roiMinimum = "roi_min", roiMaximum = "roi_max"
        case roiMean = "roi_mean"
    }
}

/// A family, or some aggregations of a texture family, that could not be computed.
public struct SkippedFeatures: Sendable, Codable, Hashable {
    public var family: FeatureFamily
    /// The aggregations left out (empty: the whole family).
    public var aggregations: [Aggregation]
    public var reason: String

    public init(family: FeatureFamily, aggregations: [Aggregation] = [], reason: String) {
        self.family = family
        self.aggregations = aggregations
        self.reason = reason
    }

    /// "glcm (3d_avg, 3d_vmrg): reason" or "morphology: reason".
    public var message: String {
        let scope = aggregations.isEmpty ? "" : " (\(aggregations.map(\.rawValue).joined(separator: ", ")))"
        return "\(family.rawValue)\(scope): \(reason)"
    }
}
