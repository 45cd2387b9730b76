import Foundation
import RadVaultCore

/// Maps a PyRadiomics parameter file (`setting`, `imageType`, `featureClass`; see the
/// PyRadiomics "Customizing the extraction" documentation) onto IBSI extraction settings.
///
/// Anything that has no IBSI equivalent is refused with the exact key named, e.g.
/// `setting.normalize: cannot be mapped to IBSI settings`. What maps only approximately is
/// listed in `notes` (PyRadiomics aligns fixed-bin-size edges to multiples of the bin width;
/// IBSI starts them at the re-segmentation lower bound or the ROI minimum).
public enum PyRadiomicsImport {
    /// The imported settings and the approximations made.
    public struct Result: Sendable {
        public var settings: ExtractionSettings
        public var notes: [String]
    }

    /// Settings keys that do not change feature values and are accepted and ignored.
    static let ignoredSettings: Set<String> = ["additionalInfo", "enableCExtensions", "preCrop", "padDistance"]

    /// Imports a PyRadiomics parameter file given as YAML (or JSON) text.
    public static func parse(yaml text: String, source: String = "pyradiomics parameters") throws -> Result {
        let document = try SettingsReader.parseYAML(text, source: source)
        var root = try SettingsReader(document, path: "", source: source)
        var notes: [String] = []
        var state = MappedState()
        if var setting = try root.object("setting") {
            try mapSettings(&setting, into: &state, notes: &notes)
        }
        if let imageType = try root.object("imageType") { try mapImageTypes(imageType) }
        if let featureClass = try root.object("featureClass") {
            state.families = try mapFeatureClasses(featureClass)
        }
        if root.object["voxelSetting"] != nil {
            throw root.error("voxelSetting", "voxel-based extraction cannot be mapped to IBSI settings")
        }
        try root.finish(allowed: "setting, imageType, featureClass")
        let settings = try state.settings(source: source, notes: &notes)
        return Result(settings: settings, notes: notes)
    }

    /// Reads and imports a PyRadiomics parameter file.
    public static func read(path: String) throws -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RadVaultError.notFound("\(path): cannot read the PyRadiomics parameter file")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), source: path)
    }

    /// PyRadiomics feature classes and the IBSI families they correspond to.
    static let classFamilies: [String: [FeatureFamily]] = [
        "firstorder": [.intensityStatistics, .intensityHistogram], "shape": [.morphology], "glcm": [.glcm],
        "glrlm": [.glrlm], "glszm": [.glszm], "gldm": [.ngldm], "ngtdm": [.ngtdm],
    ]

    static func mapFeatureClasses(_ reader: SettingsReader) throws -> [FeatureFamily] {
        var families: [FeatureFamily] = []
        for key in reader.object.keys.sorted() {
            guard let mapped = classFamilies[key] else {
                throw reader.error(
                    key,
                    "feature class cannot be mapped to IBSI settings; expected one of "
                        + classFamilies.keys.sorted().joined(separator: ", "))
            }
            if let list = reader.object[key]?.arrayValue, !list.isEmpty {
                throw reader.error(
                    key,
                    "selecting individual features cannot be mapped to IBSI settings; "
                        + "use null or [] for the whole class")
            }
            families += mapped
        }
        return families
    }

    static func mapImageTypes(_ reader: SettingsReader) throws {
        for key in reader.object.keys.sorted() where key != "Original" {
            throw reader.error(
                key, "filtered image type cannot be mapped to IBSI-1 settings; only Original is supported")
        }
        if let options = reader.object["Original"]?.objectValue, let first = options.keys.sorted().first {
            throw reader.error("Original.\(first)", "per-image-type settings cannot be mapped to IBSI settings")
        }
    }
}
