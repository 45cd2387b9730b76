import Foundation
import Imaging
import RadVaultCore

/// The `setting` section of a PyRadiomics parameter file.
extension PyRadiomicsImport {
    /// What the `setting` and `featureClass` sections define, before it becomes settings.
    struct MappedState {
        var binWidth: Double?
        var binCount: Int?
        var spacing: [Double]?
        var interpolator: InterpolationMethod = .cubicSpline
        var lowerBound: Double?
        var upperBound: Double?
        var outlierSigma: Double?
        var force2D = false
        var label: Int?
        var distance = 1
        var alpha = 0
        /// PyRadiomics enables every class when `featureClass` is absent.
        var families: [FeatureFamily] = classFamilies.values.flatMap { $0 }

        func settings(source: String, notes: inout [String]) throws -> ExtractionSettings {
            let grey: DiscretisationMethod
            if let binCount {
                grey = .fixedBinNumber(bins: binCount)
            } else {
                grey = .fixedBinSize(width: binWidth ?? 25, lowerBound: nil)
                notes.append(
                    "setting.binWidth: IBSI fixed bin size starts the first bin at the re-segmentation "
                        + "lower bound (or the ROI minimum); PyRadiomics aligns bin edges to multiples of binWidth")
            }
            let interpolation = spacing.map {
                InterpolationSettings(
                    spacing: $0, inPlaneOnly: force2D, imageMethod: interpolator, maskMethod: .nearest,
                    partialVolumeThreshold: 0.5)
            }
            let reseg = ResegmentationSettings(
                lowerBound: lowerBound, upperBound: upperBound, outlierSigma: outlierSigma)
            // PyRadiomics merges matrices over the whole volume: 3D directions (features averaged
            // over directions) by default, in-plane directions with force2D.
            let aggregations: [Aggregation] =
                force2D
                ? [.directionMerged25D, .merged25DVolume] : [.averaged3D, .volume3D]
            let settings = ExtractionSettings(
                maskLabel: label ?? 1, roundIntensities: false, interpolation: interpolation, resegmentation: reseg,
                discretisation: DiscretisationSettings(both: grey), families: families, aggregations: aggregations,
                texture: TextureSettings(
                    glcmDistance: distance, ngtdmDistance: distance, ngldmDistance: distance, ngldmCoarseness: alpha))
            try settings.validate(source: source)
            return settings
        }
    }

    static let settingKeys: Set<String> = Set([
        "binWidth", "binCount", "resampledPixelSpacing", "interpolator", "resegmentRange", "resegmentMode", "force2D",
        "force2Ddimension", "label", "normalize", "distances", "symmetricalGLCM", "gldm_a",
    ]).union(ignoredSettings)

    static func mapSettings(_ r: inout SettingsReader, into state: inout MappedState, notes: inout [String]) throws {
        for key in r.object.keys.sorted() where !settingKeys.contains(key) {
            throw r.error(key, "cannot be mapped to IBSI settings")
        }
        state.binWidth = try r.double("binWidth")
        state.binCount = try r.int("binCount")
        if state.binWidth != nil, state.binCount != nil {
            throw r.error("binCount", "both binWidth and binCount are given; expected one of them")
        }
        if let items = try r.array("resampledPixelSpacing") {
            let spacing = items.compactMap { $0.stringValue == nil ? $0.doubleValue : nil }
            guard spacing.count == 3, spacing.allSatisfy({ $0 > 0 }) else {
                throw r.error(
                    "resampledPixelSpacing",
                    "\(CanonicalJSON.string(.array(items))); expected three numbers > 0 (0 keeps the original "
                        + "spacing in PyRadiomics, which cannot be mapped to IBSI settings)")
            }
            state.spacing = spacing
        }
        if let name = try r.string("interpolator") { state.interpolator = try interpolator(name, r) }
        try mapResegmentation(&r, into: &state)
        state.force2D = try r.bool("force2D") ?? false
        if let dimension = try r.int("force2Ddimension"), dimension != 0 {
            throw r.error("force2Ddimension", "\(dimension) cannot be mapped to IBSI settings; expected 0 (axial)")
        }
        state.label = try r.int("label")
        if try r.bool("normalize") == true { throw r.error("normalize", "cannot be mapped to IBSI settings") }
        if let distances = try r.array("distances") {
            guard distances.count == 1, let d = distances[0].intValue, d >= 1 else {
                throw r.error(
                    "distances",
                    "\(CanonicalJSON.string(.array(distances))); expected exactly one distance (IBSI uses one δ per run)"
                )
            }
            state.distance = d
        }
        if try r.bool("symmetricalGLCM") == false {
            throw r.error("symmetricalGLCM", "false cannot be mapped to IBSI settings (IBSI GLCMs are symmetrical)")
        }
        state.alpha = try r.int("gldm_a") ?? 0
        for key in ignoredSettings { _ = r.value(key) }
        try r.finish(allowed: settingKeys.sorted().joined(separator: ", "))
    }

    static func interpolator(_ name: String, _ r: SettingsReader) throws -> InterpolationMethod {
        switch name {
        case "sitkNearestNeighbor": return .nearest
        case "sitkLinear": return .linear
        case "sitkBSpline": return .cubicSpline
        default:
            throw r.error(
                "interpolator",
                "'\(name)' cannot be mapped to IBSI settings; expected sitkNearestNeighbor, "
                    + "sitkLinear or sitkBSpline")
        }
    }

    static func mapResegmentation(_ r: inout SettingsReader, into state: inout MappedState) throws {
        let mode = try r.string("resegmentMode") ?? "absolute"
        guard let items = try r.array("resegmentRange") else { return }
        let bounds = items.compactMap { $0.stringValue == nil ? $0.doubleValue : nil }
        guard bounds.count == items.count, (1...2).contains(bounds.count) else {
            throw r.error(
                "resegmentRange", "\(CanonicalJSON.string(.array(items))); expected [lower] or [lower, upper]")
        }
        switch mode {
        case "absolute":
            state.lowerBound = bounds[0]
            state.upperBound = bounds.count == 2 ? bounds[1] : nil
        case "sigma":
            guard bounds.count == 2, bounds[0] == -bounds[1], bounds[1] > 0 else {
                throw r.error(
                    "resegmentRange",
                    "\(CanonicalJSON.string(.array(items))) with resegmentMode sigma; expected [-n, n] (IBSI μ ± nσ)")
            }
            state.outlierSigma = bounds[1]
        default:
            throw r.error("resegmentMode", "'\(mode)' cannot be mapped to IBSI settings; expected absolute or sigma")
        }
    }
}
