import Foundation
import Imaging
import RadVaultCore

/// The canonical JSON form of extraction settings: the YAML schema's keys, every default
/// written out, so that equal settings give equal bytes.
extension ExtractionSettings: Codable {
    /// The canonical document (the bytes a `params` artifact stores and hashes).
    public var canonicalJSON: JSONValue {
        var root: [String: JSONValue] = [
            "round_intensities": .bool(roundIntensities),
            "discretisation": discretisation.jsonValue,
            "families": .array(families.map { .string($0.rawValue) }),
            "aggregations": .array(aggregations.map { .string($0.rawValue) }),
            "texture": .object([
                "glcm_distance": .int(Int64(texture.glcmDistance)),
                "ngtdm_distance": .int(Int64(texture.ngtdmDistance)),
                "ngldm_distance": .int(Int64(texture.ngldmDistance)),
                "ngldm_coarseness": .int(Int64(texture.ngldmCoarseness)),
                "gldzm_distance": .string(texture.gldzmDistance.rawValue),
            ]),
            "resegmentation": .object([
                "range": .array([
                    resegmentation.lowerBound.map(JSONValue.number) ?? .null,
                    resegmentation.upperBound.map(JSONValue.number) ?? .null,
                ]),
                "outlier_sigma": resegmentation.outlierSigma.map(JSONValue.number) ?? .null,
            ]),
            "mask_label": maskLabel.map { .int(Int64($0)) } ?? .null,
            "interpolation": .null,
        ]
        if let i = interpolation {
            root["interpolation"] = .object([
                "spacing": .array(i.spacing.map(JSONValue.number)), "in_plane": .bool(i.inPlaneOnly),
                "method": .string(Self.token(i.imageMethod)), "mask_method": .string(Self.token(i.maskMethod)),
                "partial_volume_threshold": .number(i.partialVolumeThreshold),
            ])
        }
        return .object(root)
    }

    /// The YAML token of an interpolation kernel.
    static func token(_ method: InterpolationMethod) -> String {
        switch method {
        case .nearest: return "nearest"
        case .linear: return "linear"
        case .cubicSpline: return "cubic_spline"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try canonicalJSON.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        self = try Self.parse(json: try JSONValue(from: decoder))
    }
}

extension DiscretisationSettings {
    /// `{"texture": …, "intensity_histogram": …, "ivh": …}` with `null` for an absent group.
    var jsonValue: JSONValue {
        .object([
            "texture": texture.map(Self.json) ?? .null,
            "intensity_histogram": intensityHistogram.map(Self.json) ?? .null,
            "ivh": ivhJSON,
        ])
    }

    static func json(_ method: DiscretisationMethod) -> JSONValue {
        switch method {
        case .fixedBinNumber(let bins): return .object(["method": .string("fbn"), "bins": .int(Int64(bins))])
        case .fixedBinSize(let width, let lowerBound):
            return .object([
                "method": .string("fbs"), "width": .number(width),
                "lower_bound": lowerBound.map(JSONValue.number) ?? .null,
            ])
        case .none: return .object(["method": .string("none")])
        }
    }

    var ivhJSON: JSONValue {
        switch ivh {
        case .discrete: return .object(["method": .string("discrete")])
        case .fixedBinSize(let width): return .object(["method": .string("fbs"), "width": .number(width)])
        case .fixedBinNumber(let bins): return .object(["method": .string("fbn"), "bins": .int(Int64(bins))])
        }
    }
}
