import ArchiveStore
import Foundation
import Modeling
import RadVaultCore
import Replay

/// Formats a `model` run: selected features and coefficients, λ, AUC or C-index with CI,
/// warnings; or, with `--json`, the metrics.
enum ModelSummary {
    static func print(_ outcome: RunService.Outcome, archive: Archive, json: Bool) throws {
        guard let modelArtifact = outcome.outputs["model"], let resultArtifact = outcome.outputs["result"] else {
            throw RadVaultError.internalError("model run \(outcome.record.id) has no model/result output")
        }
        let model = try FittedModel.decode(canonical: [UInt8](try archive.read(modelArtifact.digest)))
        let result: ModelResult
        do {
            result = try CanonicalJSON.decode(ModelResult.self, from: try archive.read(resultArtifact.digest))
        } catch {
            throw RadVaultError(.corrupt, "model result \(resultArtifact.digest): cannot be decoded", cause: error)
        }
        if json {
            var coefficients: [String: JSONValue] = [:]
            for (f, c) in zip(model.features, model.coefficients) { coefficients[f] = .number(c) }
            var doc: [String: JSONValue] = [
                "run": .string(outcome.record.id.description), "cached": .bool(outcome.cached),
                "model": .string(modelArtifact.digest.description),
                "result": .string(resultArtifact.digest.description),
                "model_type": .string(model.modelType.rawValue), "coefficients": .object(coefficients),
                "training": try CanonicalJSON.jsonValue(result.training),
                "warnings": .array(result.warnings.map { .string($0) }),
            ]
            if let lambda = model.lambda { doc["lambda"] = .number(lambda) }
            if let test = result.test { doc["test"] = try CanonicalJSON.jsonValue(test) }
            if let cv = result.repeatedCV { doc["repeated_cv"] = try CanonicalJSON.jsonValue(cv) }
            Output.json(.object(doc))
            return
        }
        Swift.print(Output.runLine(outcome))
        var head = "model \(model.modelType.rawValue)"
        if let lambda = model.lambda { head += ", lambda \(format(lambda)) (\(model.lambdaRule?.rawValue ?? "-"))" }
        Swift.print(head + ", seed \(model.seed)")
        Swift.print("selected features (\(model.features.count)):")
        Output.table(zip(model.features, model.coefficients).map { ["  " + $0, format($1)] })
        Swift.print(metricLine("training", result.training))
        if let test = result.test { Swift.print(metricLine("test", test)) }
        if let cv = result.repeatedCV {
            Swift.print(
                "repeated \(cv.folds)-fold CV ×\(cv.repeats): \(cv.metric) \(format(cv.mean)) ± \(format(cv.sd))")
        }
        for w in result.warnings { Swift.print("warning: \(w)") }
        Swift.print("model  \(modelArtifact.digest)")
        Swift.print("result \(resultArtifact.digest)")
    }

    static func metricLine(_ label: String, _ m: CohortMetrics) -> String {
        if let b = m.binary {
            let ci = "95% CI \(format(b.aucLower))–\(format(b.aucUpper))"
            return "\(label): n \(b.subjects), AUC \(format(b.auc)) (\(ci)), "
                + "sensitivity \(format(b.sensitivity)), specificity \(format(b.specificity)), Brier \(format(b.brier))"
        }
        if let s = m.survival {
            return "\(label): n \(s.subjects), events \(s.events), C-index \(format(s.cIndex)) "
                + "(95% CI \(format(s.cIndexLower))–\(format(s.cIndexUpper))), log-rank p \(format(s.logRankP))"
        }
        return "\(label): n \(m.subjects.count)"
    }

    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        return String(format: "%.4g", x)
    }
}
