import Foundation
import Imaging
import RadVaultCore
import Radiomics

/// `extract`: one subject's scan and mask plus extraction settings → that subject's features.
///
/// Inputs: `scan` and `mask` (NIfTI bytes). Params: extraction settings, either RadVault's
/// YAML (IBSI terms) or a PyRadiomics parameter file (mapped by `PyRadiomicsImport`; any key
/// that cannot be mapped is refused). Output `features`: canonical JSON
/// `{"diagnostics": {...}, "features": {"<family>.<tag>[.<aggregation>]": value}}`.
public struct ExtractExecutor: Executor {
    public let kind = "extract"
    public let name = "radvault-extract"
    /// 2: Moran's I / Geary's C from half spectra (last bits differ from 1, below 1e-14 relative).
    public let version = "2"
    /// Extraction is sequential and computed in Swift in a fixed order, so a replay on the same
    /// platform is bit-identical; across platforms libm may move the last bits of log/exp.
    public let tolerance = Tolerance(absolute: 1e-12, relative: 1e-9)

    public init() {}

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("radvault-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try execute(inputs: inputs, params: params, scratch: scratch)
    }

    public func execute(inputs: [String: Data], params: Data, scratch: URL) throws -> [String: Data] {
        let settings = try Self.settings(from: params, source: "extraction params")
        guard let scanBytes = inputs["scan"] else {
            throw RadVaultError.invalidInput("extract: input 'scan' is missing; expected a NIfTI scan")
        }
        guard let maskBytes = inputs["mask"] else {
            throw RadVaultError.invalidInput("extract: input 'mask' is missing; expected a NIfTI mask")
        }
        let scanPath = try Self.spill(scanBytes, name: "scan", into: scratch)
        let maskPath = try Self.spill(maskBytes, name: "mask", into: scratch)
        let result = try Extractor.extract(imagePath: scanPath, maskPath: maskPath, settings: settings)
        return ["features": Data(CanonicalJSON.bytes(try result.jsonValue))]
    }

    /// Parses extraction settings: a PyRadiomics parameter file when it has PyRadiomics'
    /// top-level keys (`setting`, `imageType`, `featureClass`), otherwise RadVault's YAML.
    public static func settings(from params: Data, source: String) throws -> ExtractionSettings {
        guard let text = String(data: params, encoding: .utf8) else {
            throw RadVaultError.invalidInput("\(source): expected UTF-8 YAML text")
        }
        let pyRadiomicsKeys = ["setting:", "imageType:", "featureClass:"]
        let isPyRadiomics = text.split(separator: "\n").contains { line in
            pyRadiomicsKeys.contains { line.hasPrefix($0) }
        }
        if isPyRadiomics { return try PyRadiomicsImport.parse(yaml: text, source: source).settings }
        return try ExtractionSettings.parse(yaml: text, source: source)
    }

    /// Writes NIfTI bytes to a scratch file with the extension its content calls for.
    static func spill(_ bytes: Data, name: String, into dir: URL) throws -> String {
        let gzip = bytes.count >= 2 && bytes[bytes.startIndex] == 0x1F && bytes[bytes.startIndex + 1] == 0x8B
        let url = dir.appendingPathComponent(name + (gzip ? ".nii.gz" : ".nii"))
        do {
            try bytes.write(to: url)
        } catch {
            throw RadVaultError(.internal, "extract: cannot write scratch file \(url.path)", cause: error)
        }
        return url.path
    }
}
