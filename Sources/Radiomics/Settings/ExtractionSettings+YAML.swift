import Foundation
import Imaging
import RadVaultCore

/// Reading extraction settings from YAML (or JSON) strictly: unknown keys, wrong types and
/// out-of-range values are refused with the key path named.
///
/// ```yaml
/// mask_label: 1
/// round_intensities: true
/// interpolation: {spacing: [2, 2, 2], in_plane: false, method: linear, mask_method: linear,   # or cubic_spline, nearest
///                 partial_volume_threshold: 0.5}
/// resegmentation: {range: [-1000, 400], outlier_sigma: 3}
/// discretisation:
///   texture: {method: fbn, bins: 32}
///   intensity_histogram: {method: fbs, width: 25, lower_bound: -1000}   # or {method: none}
///   ivh: {method: discrete}        # or {method: fbs, width: 2.5} / {method: fbn, bins: 1000}
/// families: [morphology, intensity_statistics, glcm]      # default: all eleven
/// aggregations: [3d_avg, 3d_vmrg, 3d]                      # default: all
/// texture: {glcm_distance: 1, ngtdm_distance: 1, ngldm_distance: 1, ngldm_coarseness: 0,
///           gldzm_distance: manhattan}                     # GLCM is always symmetrical
/// ```
extension ExtractionSettings {
    static let rootKeys =
        "mask_label, round_intensities, interpolation, resegmentation, discretisation, families, "
        + "aggregations, texture"

    /// Parses a YAML (or JSON) settings document; `source` names it in errors.
    public static func parse(yaml text: String, source: String = "settings") throws -> ExtractionSettings {
        try parse(json: try SettingsReader.parseYAML(text, source: source), source: source)
    }

    /// Reads a settings file.
    public static func read(path: String) throws -> ExtractionSettings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RadVaultError.notFound("\(path): cannot read the extraction settings file")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Builds settings from a parsed document (for example canonical JSON read back).
    public static func parse(json: JSONValue, source: String = "settings") throws -> ExtractionSettings {
        var r = try SettingsReader(json, path: "", source: source)
        let maskLabel = try r.int("mask_label")
        let round = try r.bool("round_intensities") ?? false
        let interpolation = try r.object("interpolation").map(readInterpolation)
        let resegmentation = try r.object("resegmentation").map(readResegmentation) ?? .none
        guard let discretisationReader = try r.object("discretisation") else {
            throw r.error("discretisation", "missing; expected a mapping with texture, intensity_histogram, ivh")
        }
        let discretisation = try readDiscretisation(discretisationReader)
        let families: [FeatureFamily]? = try r.array("families").map { try readTokens($0, key: "families", reader: r) }
        let aggregations: [Aggregation]? = try r.array("aggregations").map {
            try readTokens($0, key: "aggregations", reader: r)
        }
        let texture = try r.object("texture").map(readTexture) ?? TextureSettings()
        try r.finish(allowed: rootKeys)
        let settings = ExtractionSettings(
            maskLabel: maskLabel, roundIntensities: round, interpolation: interpolation,
            resegmentation: resegmentation, discretisation: discretisation,
            families: families ?? FeatureFamily.allCases, aggregations: aggregations ?? Aggregation.allCases,
            texture: texture)
        try settings.validate(source: source)
        return settings
    }

    static func readTokens<T: RawRepresentable & CaseIterable>(
        _ items: [JSONValue], key: String, reader: SettingsReader
    ) throws -> [T] where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        return try items.enumerated().map { offset, item in
            guard let token = item.stringValue, let value = T(rawValue: token) else {
                throw reader.error("\(key)[\(offset)]", "\(CanonicalJSON.string(item)); expected one of \(allowed)")
            }
            return value
        }
    }

    static func readInterpolation(_ reader: SettingsReader) throws -> InterpolationSettings {
        var r = reader
        guard let spacingItems = try r.array("spacing") else {
            throw r.error("spacing", "missing; expected three numbers (x, y, z in mm)")
        }
        let spacing = try spacingItems.map { item -> Double in
            guard let d = item.doubleValue, item.stringValue == nil else {
                throw r.error("spacing", "\(CanonicalJSON.string(item)); expected numbers")
            }
            return d
        }
        let result = InterpolationSettings(
            spacing: spacing, inPlaneOnly: try r.bool("in_plane") ?? false,
            imageMethod: try readMethod(&r, "method"), maskMethod: try readMethod(&r, "mask_method"),
            partialVolumeThreshold: try r.double("partial_volume_threshold") ?? 0.5)
        try r.finish(allowed: "spacing, in_plane, method, mask_method, partial_volume_threshold")
        return result
    }

    static func readMethod(_ r: inout SettingsReader, _ key: String) throws -> InterpolationMethod {
        guard let token = try r.string(key) else { return .linear }
        guard let method = InterpolationMethod.allCases.first(where: { token == ExtractionSettings.token($0) }) else {
            throw r.error(key, "'\(token)'; expected nearest, linear or cubic_spline")
        }
        return method
    }

    static func readResegmentation(_ reader: SettingsReader) throws -> ResegmentationSettings {
        var r = reader
        var bounds: [Double?] = [nil, nil]
        if let items = try r.array("range") {
            guard items.count == 2 else { throw r.error("range", "expected [lower, upper] (null for an open bound)") }
            bounds = try items.map { item -> Double? in
                if item == .null { return nil }
                guard let d = item.doubleValue, d.isFinite, item.stringValue == nil else {
                    throw r.error("range", "\(CanonicalJSON.string(item)); expected a number or null")
                }
                return d
            }
        }
        let result = ResegmentationSettings(
            lowerBound: bounds[0], upperBound: bounds[1], outlierSigma: try r.double("outlier_sigma"))
        try r.finish(allowed: "range, outlier_sigma")
        return result
    }

    static func readDiscretisation(_ reader: SettingsReader) throws -> DiscretisationSettings {
        var r = reader
        let texture = try r.object("texture").map(readGreyLevel)
        let histogram = try r.object("intensity_histogram").map(readGreyLevel)
        let ivh = try r.object("ivh").map(readIVH) ?? .discrete
        try r.finish(allowed: "texture, intensity_histogram, ivh")
        return DiscretisationSettings(texture: texture, intensityHistogram: histogram, ivh: ivh)
    }

    static func readGreyLevel(_ reader: SettingsReader) throws -> DiscretisationMethod {
        var r = reader
        let result: DiscretisationMethod
        switch try r.string("method") {
        case "none":
            result = .none
            try r.finish(allowed: "method")
        case "fbn":
            guard let bins = try r.int("bins") else { throw r.error("bins", "missing; expected an integer >= 1") }
            result = .fixedBinNumber(bins: bins)
            try r.finish(allowed: "method, bins")
        case "fbs":
            guard let width = try r.double("width") else { throw r.error("width", "missing; expected a number > 0") }
            result = .fixedBinSize(width: width, lowerBound: try r.double("lower_bound"))
            try r.finish(allowed: "method, width, lower_bound")
        case let other:
            throw r.error("method", "\(other.map { "'\($0)'" } ?? "missing"); expected fbn, fbs or none")
        }
        return result
    }

    static func readIVH(_ reader: SettingsReader) throws -> IVHDiscretisation {
        var r = reader
        let result: IVHDiscretisation
        switch try r.string("method") {
        case "discrete":
            result = .discrete
            try r.finish(allowed: "method")
        case "fbs":
            guard let width = try r.double("width") else { throw r.error("width", "missing; expected a number > 0") }
            result = .fixedBinSize(width: width)
            try r.finish(allowed: "method, width")
        case "fbn":
            guard let bins = try r.int("bins") else { throw r.error("bins", "missing; expected an integer >= 1") }
            result = .fixedBinNumber(bins: bins)
            try r.finish(allowed: "method, bins")
        case let other:
            throw r.error("method", "\(other.map { "'\($0)'" } ?? "missing"); expected discrete, fbs or fbn")
        }
        return result
    }

    static func readTexture(_ reader: SettingsReader) throws -> TextureSettings {
        var r = reader
        var norm = TextureDistanceNorm.manhattan
        if let token = try r.string("gldzm_distance") {
            guard let parsed = TextureDistanceNorm(rawValue: token) else {
                throw r.error("gldzm_distance", "'\(token)'; expected manhattan or chebyshev")
            }
            norm = parsed
        }
        let result = TextureSettings(
            glcmDistance: try r.int("glcm_distance") ?? 1, ngtdmDistance: try r.int("ngtdm_distance") ?? 1,
            ngldmDistance: try r.int("ngldm_distance") ?? 1, ngldmCoarseness: try r.int("ngldm_coarseness") ?? 0,
            gldzmDistance: norm)
        try r.finish(allowed: "glcm_distance, ngtdm_distance, ngldm_distance, ngldm_coarseness, gldzm_distance")
        return result
    }
}
