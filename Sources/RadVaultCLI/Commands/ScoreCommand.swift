import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Replay

/// `radvault score --model M --features F [--out FILE]`: per-subject radscores of a fitted model,
/// as a recorded `score` run.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score subjects with a fitted model (per-subject radscores; a recorded run).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The model: a model digest (or a radvault.model/2 file).") var model: String
    @Option(help: "Features: a CSV/TSV or radvault.features/1 file, or a features digest.") var features: String
    @Option(help: "Also write the scores as CSV (subject,radscore,group) to this file.") var out: String?
    @Flag(help: "Re-execute even if this run specification is already recorded.") var force = false

    func run() throws {
        let archive = try global.openArchive()
        let outcome = try Self.score(model: model, features: features, archive: archive, force: force)
        guard let scores = outcome.outputs["scores"] else {
            throw RadVaultError.internalError("score run \(outcome.record.id) has no scores output")
        }
        let bytes = try archive.read(scores.digest)
        let doc = try CanonicalJSON.parse(bytes)
        let rows = doc["scores"]?.arrayValue ?? []
        let table =
            [["subject", "radscore", "group"]]
            + rows.map { row in
                [
                    row["subject"]?.stringValue ?? "", row["radscore"]?.doubleValue.map { "\($0)" } ?? "",
                    row["group"]?.stringValue ?? "",
                ]
            }
        if let out {
            let csv = DelimitedTable.csv(header: table[0], rows: Array(table.dropFirst()))
            do {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw RadVaultError(.internal, "--out \(out): cannot write the scores", cause: error)
            }
        }
        if global.json {
            Output.json(
                .object([
                    "run": .string(outcome.record.id.description), "cached": .bool(outcome.cached),
                    "scores_digest": .string(scores.digest.description), "scores": .array(rows),
                ]))
            return
        }
        Output.table(table)
        print(scores.digest.description)
    }

    /// Runs (or finds) the `score` run of `model` on `features`.
    static func score(model: String, features: String, archive: Archive, force: Bool) throws -> RunService.Outcome {
        let modelArtifact = try ArtifactArgument.resolve(model, kind: .model, in: archive, option: "--model")
        let featuresArtifact = try FeatureTableArgument.resolve(features, in: archive, option: "--features")
        return try RunService(archive: archive).run(
            kind: "score",
            inputs: [
                .init(role: "features", digest: featuresArtifact.digest),
                .init(role: "model", digest: modelArtifact.digest),
            ],
            params: nil, outputKinds: ["scores": .result], outputNames: ["scores": "scores"], force: force)
    }
}
