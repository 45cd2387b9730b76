import Foundation
import Modeling
import RadVaultCore

/// `score`: a fitted model and a feature table → per-subject radscores.
///
/// Inputs: `model` (canonical `radvault.model/2`, or the legacy `/1`), `features` (canonical
/// `radvault.features/1` or a wide CSV/TSV). No params. Output `scores`: canonical JSON
/// `{"format": "radvault.scores/1", "threshold": t, "scores": [{"subject", "radscore",
/// "group"}]}` in feature-table subject order, `group` being `high` above the model's training
/// median and `low` otherwise.
public struct ScoreExecutor: Executor {
    public static let format = "radvault.scores/1"
    public let kind = "score"
    public let name = "radvault-score"
    public let version = "1"
    /// A fixed-order sum per subject; only libm-free arithmetic, so replays are bit-identical.
    public let tolerance = Tolerance(absolute: 1e-12, relative: 1e-10)

    public var decisions: [DecisionRule] {
        [.label("risk_group", output: "scores", labels: "scores.*.group")]
    }

    public init() {}

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        guard let modelBytes = inputs["model"] else {
            throw RadVaultError.invalidInput("score: input 'model' is missing; expected a radvault.model/2 artifact")
        }
        let model = try FittedModel.decode(canonical: [UInt8](modelBytes))
        let table = try ModelExecutor.features(inputs, role: "features")
        let scores = try model.score(features: table)
        let rows: [JSONValue] = scores.map { s in
            .object([
                "subject": .string(s.subject), "radscore": .number(s.radscore),
                "group": .string(s.radscore > model.radscoreThreshold ? "high" : "low"),
            ])
        }
        let doc = JSONValue.object([
            "format": .string(Self.format), "threshold": .number(model.radscoreThreshold), "scores": .array(rows),
        ])
        return ["scores": Data(CanonicalJSON.bytes(doc))]
    }

    /// Reads a `scores` output back as (subject, radscore) pairs.
    public static func parse(_ bytes: Data, source: String = "scores") throws -> [(subject: String, radscore: Double)] {
        let doc = try CanonicalJSON.parse(bytes)
        guard doc["format"]?.stringValue == format, let rows = doc["scores"]?.arrayValue else {
            throw RadVaultError.invalidInput("\(source): expected a '\(format)' document with a 'scores' array")
        }
        return try rows.enumerated().map { i, row in
            guard let subject = row["subject"]?.stringValue, let score = row["radscore"]?.doubleValue else {
                throw RadVaultError.invalidInput("\(source): scores[\(i)] needs a 'subject' and a numeric 'radscore'")
            }
            return (subject, score)
        }
    }
}
