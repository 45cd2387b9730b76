import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Radiogenomics
import Replay

/// `radvault radiogenomics --genes G (--features F | --score MODEL) [--genesets S] --params P`:
/// feature–gene correlations with FDR, enrichment and WGCNA as one recorded run.
///
/// With `--score`, the cohort is first scored with the model (a recorded `score` run; the
/// features are `--features` when given, else the model run's own feature table) and the
/// radscore is the trait.
struct RadiogenomicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radiogenomics",
        abstract: "Correlate radiomic traits with genes (FDR, enrichment) and run WGCNA (a recorded run).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Expression table: a CSV/TSV file or a genes digest.") var genes: String
    @Option(help: "Radiomic features as traits (file or features digest).") var features: String?
    @Option(help: "Use this model's radscore as the trait (a model digest).") var score: String?
    @Option(help: "Gene sets: a GMT file or a genesets digest.") var genesets: String?
    @Option(help: "Radiogenomics settings: a YAML file or a params digest.") var params: String
    @Flag(help: "Re-execute even if this run specification is already recorded.") var force = false

    func validate() throws {
        guard features != nil || score != nil else { throw ValidationError("give --features F or --score MODEL") }
    }

    func run() throws {
        let archive = try global.openArchive()
        var inputs = [
            RunService.Input(
                role: "genes",
                digest: try ArtifactArgument.resolve(genes, kind: .genes, in: archive, option: "--genes").digest)
        ]
        if let score {
            let scored = try ScoreCommand.score(
                model: score, features: try scoreFeatures(model: score, archive: archive), archive: archive,
                force: force)
            guard let scores = scored.outputs["scores"] else {
                throw RadVaultError.internalError("score run \(scored.record.id) has no scores output")
            }
            if !global.json { print("score run \(scored.record.id.short)\(scored.cached ? " (cached)" : "")") }
            inputs.append(.init(role: "scores", digest: scores.digest))
        } else if let features {
            inputs.append(
                .init(
                    role: "features",
                    digest: try FeatureTableArgument.resolve(features, in: archive, option: "--features").digest))
        }
        if let genesets {
            let sets = try ArtifactArgument.resolve(genesets, kind: .genesets, in: archive, option: "--genesets")
            inputs.append(.init(role: "genesets", digest: sets.digest))
        }
        let paramsArtifact = try ArtifactArgument.resolve(params, kind: .params, in: archive, option: "--params")
        guard let text = String(data: try archive.read(paramsArtifact.digest), encoding: .utf8) else {
            throw RadVaultError.invalidInput("--params \(params): expected UTF-8 YAML radiogenomics settings")
        }
        _ = try RadiogenomicsSettings.parseYAML(text, source: params)
        var kinds: [String: ArtifactKind] = [:]
        var names: [String: String] = [:]
        for role in RadiogenomicsSummary.parts {
            kinds[role] = .result
            names[role] = "radiogenomics-" + role
        }
        let outcome = try RunService(archive: archive).run(
            kind: "radiogenomics", inputs: inputs, params: paramsArtifact.digest, outputKinds: kinds,
            outputNames: names, force: force)
        try RadiogenomicsSummary.print(outcome, archive: archive, json: global.json)
    }

    /// The features to score: `--features` when given, else the feature table the model was fitted on.
    func scoreFeatures(model: String, archive: Archive) throws -> String {
        if let features { return features }
        let modelArtifact = try ArtifactArgument.resolve(model, kind: .model, in: archive, option: "--score")
        let run = try archive.runs().first { r in
            r.kind == "model" && r.outputs.contains { $0.role == "model" && $0.digest == modelArtifact.digest }
        }
        guard let input = run?.inputs.first(where: { $0.role == "features" }) else {
            throw RadVaultError.notFound(
                "--score \(model): no recorded model run produced this model; give the cohort with --features F")
        }
        return input.digest.description
    }
}
