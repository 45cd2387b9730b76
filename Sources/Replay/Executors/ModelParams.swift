import Foundation
import Modeling
import RadVaultCore

/// The params artifact of a `model` run: the model settings plus everything else that decides
/// the result (the outcome columns and the partial-overlap policy), so that the run's identity
/// covers all of it.
///
/// Canonical JSON: `{"format": "radvault.model-params/1", "settings": {…ModelSettings…},
/// "outcome": {…OutcomeSpec…}, "allow_partial": bool}`. The settings are stored parsed (every
/// default explicit), so two YAML spellings of the same settings give the same run.
public struct ModelParams: Codable, Sendable, Equatable {
    public static let format = "radvault.model-params/1"
    public var format: String = ModelParams.format
    public var settings: ModelSettings
    public var outcome: OutcomeSpec
    public var allowPartial: Bool

    enum CodingKeys: String, CodingKey {
        case format, settings, outcome
        case allowPartial = "allow_partial"
    }

    public init(settings: ModelSettings, outcome: OutcomeSpec, allowPartial: Bool) {
        self.settings = settings
        self.outcome = outcome
        self.allowPartial = allowPartial
    }

    /// Canonical JSON bytes (the stored params artifact).
    public func canonicalBytes() throws -> [UInt8] { try CanonicalJSON.bytes(self) }

    /// Whether `bytes` look like a composed params document rather than settings YAML.
    public static func isDocument(_ bytes: Data) -> Bool {
        guard let doc = try? CanonicalJSON.parse(bytes) else { return false }
        return doc["format"]?.stringValue == format
    }

    /// Decodes a params document, naming what is wrong.
    public static func decode(_ bytes: Data, source: String = "model params") throws -> ModelParams {
        guard isDocument(bytes) else {
            throw RadVaultError.invalidInput(
                "\(source): expected a '\(format)' JSON document (settings, outcome, allow_partial); "
                    + "`radvault model` composes it from the settings YAML and the outcome options")
        }
        do {
            return try CanonicalJSON.decode(ModelParams.self, from: [UInt8](bytes))
        } catch let error as RadVaultError {
            throw RadVaultError.invalidInput("\(source): \(error.message)")
        } catch {
            throw RadVaultError.invalidInput("\(source): \(error)")
        }
    }
}
