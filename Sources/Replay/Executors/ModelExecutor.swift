import Foundation
import Modeling
import RadVaultCore

/// `model`: a cohort feature table and a clinical table plus model params → a fitted radscore
/// model and its validated metrics.
///
/// Inputs: `features` (Modeling's canonical `radvault.features/1` JSON, or a wide CSV/TSV as
/// `radvault add features` imports it), `clinical` (CSV/TSV), and optionally
/// `validation_features` + `validation_clinical` (an external cohort). Params: a `ModelParams`
/// document (settings, outcome columns, `allow_partial`). Outputs: `model` (canonical
/// `radvault.model/2`: coefficients and scaler keyed by feature name), `result` (canonical
/// `radvault.model-result/1`: metrics, curves, selection log, warnings) and `decisions` (the
/// discrete choices keyed by feature name, so a replay names the feature that entered or left
/// the selection).
public struct ModelExecutor: Executor {
    public let kind = "model"
    public let name = "radvault-model"
    /// 2: the model output is `radvault.model/2` (terms keyed by feature name); a run recorded
    /// by version 1 wrote `radvault.model/1` and is reported unreplayable rather than different.
    /// 3: the kept λ (λ-min / λ-1SE) is solved to convergence (`LassoSolver.refine`), so
    /// L1 models select the features of the exact optimum, not of glmnet's 1e-7 tolerance.
    public let version = "3"
    /// Fitting is sequential Swift in a fixed order (coordinate descent, IRLS, Newton), so a
    /// replay on the same platform is bit-identical; across platforms libm's exp/log may move
    /// the last bits, which the iterative solvers can amplify to about 1e-10.
    public let tolerance = Tolerance(absolute: 1e-10, relative: 1e-8)

    public var decisions: [DecisionRule] {
        [
            .listed(
                "lasso_selected", output: "decisions", members: "selected.*", scores: "selected.*",
                .absGreaterThan, 0),
            .listed("filtered_out", output: "decisions", members: "removed.*.*"),
            .label("risk_group", output: "decisions", labels: "risk_group.*"),
        ]
    }

    public init() {}

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        let p = try ModelParams.decode(params)
        let features = try Self.features(inputs, role: "features")
        let clinical = try Self.clinical(inputs, role: "clinical")
        var validation: (features: FeatureTable, clinical: ClinicalTable)?
        switch (inputs["validation_features"], inputs["validation_clinical"]) {
        case (nil, nil): validation = nil
        case (_?, _?):
            validation = (
                try Self.features(inputs, role: "validation_features"),
                try Self.clinical(inputs, role: "validation_clinical")
            )
        default:
            throw RadVaultError.invalidInput(
                "model: 'validation_features' and 'validation_clinical' must be given together")
        }
        let output = try ModelingPipeline.run(
            features: features, clinical: clinical, outcome: p.outcome, settings: p.settings,
            validation: validation, allowPartial: p.allowPartial)
        return [
            "model": Data(try output.model.canonicalBytes()),
            "result": Data(try CanonicalJSON.bytes(output.result)),
            "decisions": Data(CanonicalJSON.bytes(try Self.decisions(output, features: features))),
        ]
    }

    /// The discrete choices of a fit: selected features with their coefficients, the features
    /// each selection step removed, and each training subject's radscore group (high/low).
    static func decisions(_ output: ModelingOutput, features: FeatureTable) throws -> JSONValue {
        let model = output.model
        var selected: [String: JSONValue] = [:]
        for (j, f) in model.features.enumerated() where model.coefficients[j] != 0 {
            selected[f] = .number(model.coefficients[j])
        }
        var removed: [String: JSONValue] = [:]
        for (i, step) in output.result.selection.enumerated() {
            removed[(i < 9 ? "0" : "") + "\(i + 1)-\(step.step)"] = .array(step.removed.map { .string($0.name) })
        }
        var groups: [String: JSONValue] = [:]
        let training = output.result.training.subjects
        let table = try features.selecting(subjects: training)
        for s in try model.score(features: table) {
            groups[s.subject] = .string(s.radscore > model.radscoreThreshold ? "high" : "low")
        }
        return .object([
            "format": .string("radvault.model-decisions/1"),
            "selected": .object(selected),
            "removed": .object(removed),
            "risk_group": .object(groups),
        ])
    }

    /// A feature table input: canonical JSON, or a wide CSV/TSV imported as `add features` does.
    static func features(_ inputs: [String: Data], role: String) throws -> FeatureTable {
        guard let bytes = inputs[role] else {
            throw RadVaultError.invalidInput("model: input '\(role)' is missing; expected a feature table")
        }
        if bytes.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{") {
            return try FeatureTable.decode(canonical: [UInt8](bytes))
        }
        return try FeatureTable.importDelimited(try text(bytes, role: role), source: role).table
    }

    /// A clinical table input (CSV/TSV, or the canonical `radvault.clinical/1` JSON).
    static func clinical(_ inputs: [String: Data], role: String) throws -> ClinicalTable {
        guard let bytes = inputs[role] else {
            throw RadVaultError.invalidInput("model: input '\(role)' is missing; expected a clinical table")
        }
        if bytes.first(where: { !$0.isWhitespace }) == UInt8(ascii: "{") {
            do {
                return try CanonicalJSON.decode(ClinicalTable.self, from: bytes)
            } catch {
                throw RadVaultError.invalidInput("\(role): not a '\(ClinicalTable.format)' table (\(error))")
            }
        }
        return try ClinicalTable.importDelimited(try text(bytes, role: role), source: role)
    }

    static func text(_ bytes: Data, role: String) throws -> String {
        guard let s = String(data: bytes, encoding: .utf8) else {
            throw RadVaultError.invalidInput("model: input '\(role)' is not UTF-8 text; expected CSV/TSV")
        }
        return s
    }
}

extension UInt8 {
    /// ASCII space, tab, CR or LF.
    var isWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
