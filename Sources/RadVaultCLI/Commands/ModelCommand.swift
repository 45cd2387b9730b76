import ArchiveStore
import ArgumentParser
import Foundation
import Modeling
import RadVaultCore
import Replay

/// `radvault model --features F --clinical C (--outcome COL | --time COL --event COL) --params P`:
/// selects features, fits the radscore model and validates it, as one recorded `model` run.
///
/// The settings YAML, the outcome columns and `--allow-partial` are composed into one params
/// artifact (`ModelParams`), so the run's identity covers everything that decides the result.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Select features, fit the radscore model and validate it (a recorded run).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Features: a CSV/TSV or radvault.features/1 file, or a features digest.") var features: String
    @Option(help: "Clinical table: a CSV/TSV file or a clinical digest.") var clinical: String
    @Option(help: "Binary outcome column (logistic models).") var outcome: String?
    @Option(help: "Time-to-event column (Cox models).") var time: String?
    @Option(help: "Event indicator column (1 = event, 0 = censored).") var event: String?
    @Option(help: "Model settings: a YAML file or a params digest.") var params: String
    @Option(help: "External validation features (file or digest).") var validationFeatures: String?
    @Option(help: "External validation clinical table (file or digest).") var validationClinical: String?
    @Flag(help: "Proceed on the subjects present in both tables instead of failing.") var allowPartial = false
    @Flag(help: "Re-execute even if this run specification is already recorded.") var force = false

    func validate() throws {
        switch (outcome, time, event) {
        case (_?, nil, nil), (nil, _?, _?), (nil, nil, nil): break
        default: throw ValidationError("give either --outcome COL, or both --time COL and --event COL")
        }
        guard (validationFeatures == nil) == (validationClinical == nil) else {
            throw ValidationError("--validation-features and --validation-clinical must be given together")
        }
    }

    func run() throws {
        let archive = try global.openArchive()
        var inputs = [
            RunService.Input(
                role: "features",
                digest: try FeatureTableArgument.resolve(features, in: archive, option: "--features").digest),
            RunService.Input(
                role: "clinical",
                digest: try ArtifactArgument.resolve(clinical, kind: .clinical, in: archive, option: "--clinical")
                    .digest),
        ]
        if let validationFeatures, let validationClinical {
            let vf = try FeatureTableArgument.resolve(validationFeatures, in: archive, option: "--validation-features")
            let vc = try ArtifactArgument.resolve(
                validationClinical, kind: .clinical, in: archive, option: "--validation-clinical")
            inputs += [
                .init(role: "validation_clinical", digest: vc.digest),
                .init(role: "validation_features", digest: vf.digest),
            ]
        }
        let paramsArtifact = try composeParams(archive)
        let outcome = try RunService(archive: archive).run(
            kind: "model", inputs: inputs, params: paramsArtifact.digest,
            outputKinds: ["model": .model, "result": .result, "decisions": .result],
            outputNames: ["model": "model", "result": "model-result", "decisions": "model-decisions"], force: force)
        try ModelSummary.print(outcome, archive: archive, json: global.json)
    }

    /// The params artifact: a composed `ModelParams` document from the settings and options.
    func composeParams(_ archive: Archive) throws -> Artifact {
        let given = try ArtifactArgument.resolve(params, kind: .params, in: archive, option: "--params")
        let bytes = try archive.read(given.digest)
        if ModelParams.isDocument(bytes) {
            guard outcome == nil, time == nil, !allowPartial else {
                throw RadVaultError.invalidInput(
                    "--params \(params): already a composed model params document (outcome and allow_partial "
                        + "inside); give the settings YAML instead to set --outcome/--time/--event/--allow-partial")
            }
            _ = try ModelParams.decode(bytes, source: params)
            return given
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw RadVaultError.invalidInput("--params \(params): expected UTF-8 YAML model settings")
        }
        let settings = try ModelSettings.fromYAML(text, source: params)
        let spec: OutcomeSpec
        if let outcome {
            spec = .binary(column: outcome)
        } else if let time, let event {
            spec = .survival(time: time, event: event)
        } else {
            throw RadVaultError.invalidInput("model: no outcome; expected --outcome COL or --time COL --event COL")
        }
        let document = ModelParams(settings: settings, outcome: spec, allowPartial: allowPartial)
        return try archive.put(
            bytes: try document.canonicalBytes(), kind: .params,
            metadata: ["settings": .string(given.digest.description)], name: "model-params")
    }
}
