import Foundation
import RadVaultCore
import Yams

/// Everything that determines a model: preprocessing, selection steps in order, the model, the
/// validation scheme and the seed. Read from YAML; recorded in its canonical JSON form (every
/// default filled in), whose digest identifies the settings.
public struct ModelSettings: Codable, Sendable, Equatable {
    /// Seed of every random choice (folds, splits), through `SeededGenerator`.
    public var seed: UInt64
    public var preprocessing: PreprocessingSettings
    /// Feature-selection steps, applied in this order on the training subjects only.
    public var selection: [SelectionStep]
    public var model: ModelSpec
    public var validation: ValidationSpec
    /// Clinical columns combined with the radscore in the combined (nomogram) model.
    public var clinicalCovariates: [String]

    public init(
        seed: UInt64 = 42, preprocessing: PreprocessingSettings = .init(), selection: [SelectionStep] = [],
        model: ModelSpec, validation: ValidationSpec = .init(), clinicalCovariates: [String] = []
    ) {
        self.seed = seed
        self.preprocessing = preprocessing
        self.selection = selection
        self.model = model
        self.validation = validation
        self.clinicalCovariates = clinicalCovariates
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case seed, preprocessing, selection, model, validation, clinicalCovariates
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 42
        preprocessing = try c.decodeIfPresent(PreprocessingSettings.self, forKey: .preprocessing) ?? .init()
        selection = try c.decodeIfPresent([SelectionStep].self, forKey: .selection) ?? []
        model = try c.decode(ModelSpec.self, forKey: .model)
        validation = try c.decodeIfPresent(ValidationSpec.self, forKey: .validation) ?? .init()
        clinicalCovariates = try c.decodeIfPresent([String].self, forKey: .clinicalCovariates) ?? []
    }

    /// Parses YAML settings; unknown keys are errors (a typo must not silently use a default).
    public static func fromYAML(_ text: String, source: String = "model settings") throws -> ModelSettings {
        do {
            let node = try Yams.load(yaml: text)
            guard let top = node as? [String: Any] else {
                throw RadVaultError.invalidInput("\(source): expected a YAML mapping at the top level")
            }
            try checkKeys(top, allowed: CodingKeys.allCases.map(\.rawValue), path: "", source: source)
            if let m = top["model"] as? [String: Any] {
                try checkKeys(m, allowed: ModelSpec.CodingKeys.allCases.map(\.rawValue), path: "model.", source: source)
            }
            if let v = top["validation"] as? [String: Any] {
                try checkKeys(
                    v, allowed: ValidationSpec.CodingKeys.allCases.map(\.rawValue), path: "validation.", source: source)
            }
            if let p = top["preprocessing"] as? [String: Any] {
                try checkKeys(p, allowed: ["standardize"], path: "preprocessing.", source: source)
            }
            for (i, step) in (top["selection"] as? [Any] ?? []).enumerated() {
                guard let step = step as? [String: Any], let method = step["method"] as? String,
                    let allowed = SelectionStep.keys[method]
                else { continue }  // the decoder names a missing or unknown method
                try checkKeys(step, allowed: allowed, path: "selection[\(i)].", source: source)
            }
            return try YAMLDecoder().decode(ModelSettings.self, from: text)
        } catch let error as RadVaultError {
            throw error
        } catch {
            throw RadVaultError.invalidInput("\(source): \(describe(error))")
        }
    }

    /// Decodes the canonical JSON form.
    public static func fromCanonicalJSON(_ bytes: [UInt8]) throws -> ModelSettings {
        do {
            return try CanonicalJSON.decode(ModelSettings.self, from: bytes)
        } catch let error as RadVaultError {
            throw error
        } catch {
            throw RadVaultError.invalidInput("model settings JSON: \(describe(error))")
        }
    }

    /// Canonical JSON bytes (all defaults explicit).
    public func canonicalBytes() throws -> [UInt8] { try CanonicalJSON.bytes(self) }

    static func checkKeys(_ map: [String: Any], allowed: [String], path: String, source: String) throws {
        for key in map.keys.sorted() where !allowed.contains(key) {
            throw RadVaultError.invalidInput(
                "\(source): unknown key '\(path)\(key)'; expected one of " + allowed.joined(separator: ", "))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let d = error as? DecodingError {
            switch d {
            case .keyNotFound(let key, let ctx):
                return "missing key '\(path(ctx.codingPath + [key]))'"
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
                return "at '\(path(ctx.codingPath))': \(ctx.debugDescription)"
            @unknown default: return "\(d)"
            }
        }
        return "\(error)"
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// Preprocessing applied inside the model.
public struct PreprocessingSettings: Codable, Sendable, Equatable {
    /// z-score the selected features with the training mean and 1/n standard deviation (the
    /// scaler is stored in the model and reused when scoring). Always on for penalised models.
    public var standardize: Bool

    public init(standardize: Bool = true) { self.standardize = standardize }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        standardize = try c.decodeIfPresent(Bool.self, forKey: .standardize) ?? true
    }
}
