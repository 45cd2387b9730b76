import Imaging
import RadVaultCore

/// The eleven IBSI-1 feature families, with the tokens used in the IBSI reference data.
public enum FeatureFamily: String, CaseIterable, Codable, Sendable {
    case morphology
    case localIntensity = "local_intensity"
    case intensityStatistics = "intensity_statistics"
    case intensityHistogram = "intensity_histogram"
    case intensityVolumeHistogram = "intensity_volume_histogram"
    case glcm, glrlm, glszm, gldzm, ngtdm, ngldm

    /// Whether the family is a texture family (computed per aggregation method).
    public var isTexture: Bool {
        switch self {
        case .glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm: return true
        default: return false
        }
    }
}

/// IBSI-1 texture aggregation methods (IBSI-1 §3.1.3 / the reference tables' labels).
///
/// GLCM and GLRLM use the six first cases; GLSZM, GLDZM, NGTDM and NGLDM use the last three.
public enum Aggregation: String, CaseIterable, Codable, Sendable {
    /// 2D, averaged (BTW3): per slice and direction, features averaged.
    case averaged2D = "2d_avg"
    /// 2D, slice-merged (SUJT): per slice, direction matrices merged.
    case sliceMerged2D = "2d_smrg"
    /// 2.5D, direction-merged (JJUI): per direction, slice matrices merged.
    case directionMerged25D = "2.5d_dmrg"
    /// 2.5D, merged (ZW7Z): all slice and direction matrices merged.
    case merged25D = "2.5d_vmrg"
    /// 3D, averaged (ITBB): per 3D direction, features averaged.
    case averaged3D = "3d_avg"
    /// 3D, merged (IAZD): all 3D direction matrices merged.
    case merged3D = "3d_vmrg"
    /// 2D (8QNN): per slice, features averaged over slices.
    case slice2D = "2d"
    /// 2.5D (62GR): slice matrices merged.
    case merged25DVolume = "2.5d"
    /// 3D (KOBO): one volumetric matrix.
    case volume3D = "3d"

    /// The aggregations IBSI defines for a family (empty for non-texture families).
    public static func methods(for family: FeatureFamily) -> [Aggregation] {
        switch family {
        case .glcm, .glrlm:
            return [.averaged2D, .sliceMerged2D, .directionMerged25D, .merged25D, .averaged3D, .merged3D]
        case .glszm, .gldzm, .ngtdm, .ngldm:
            return [.slice2D, .merged25DVolume, .volume3D]
        default:
            return []
        }
    }
}

/// One feature of the registry: its stable machine name, IBSI identifier, family and display
/// name. `name` is spelled exactly as the `feature` column of the IBSI reference data
/// (Resources/ibsi/ibsi1_reference_values.csv), so the two can be joined on (family, name).
public struct FeatureDefinition: Sendable, Hashable {
    public var family: FeatureFamily
    /// Stable snake_case machine name, unique within the family (e.g. `cm_joint_max`).
    public var tag: String
    /// The 4-character IBSI identifier.
    public var ibsiID: String
    /// The feature's heading in the IBSI manual.
    public var name: String
    /// Formula, edge cases, PyRadiomics name where it differs.
    public var doc: String

    public init(family: FeatureFamily, tag: String, ibsiID: String, name: String, doc: String) {
        self.family = family
        self.tag = tag
        self.ibsiID = ibsiID
        self.name = name
        self.doc = doc
    }
}

/// A computed feature value. `aggregation` is nil for non-texture families.
public struct FeatureValue: Sendable, Hashable, Codable {
    public var family: FeatureFamily
    public var tag: String
    public var ibsiID: String
    public var aggregation: Aggregation?
    public var value: Double

    public init(family: FeatureFamily, tag: String, ibsiID: String, aggregation: Aggregation?, value: Double) {
        self.family = family
        self.tag = tag
        self.ibsiID = ibsiID
        self.aggregation = aggregation
        self.value = value
    }

    /// The column name used in feature tables: `<family>.<tag>` or `<family>.<tag>.<aggregation>`.
    public var columnName: String {
        if let aggregation { return "\(family.rawValue).\(tag).\(aggregation.rawValue)" }
        return "\(family.rawValue).\(tag)"
    }
}
