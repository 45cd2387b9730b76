import ArchiveStore
import ArgumentParser
import Foundation
import Modeling
import RadVaultCore
import Replay

/// `radvault extract --params FILE [--subject ID…] [--jobs N]`: IBSI feature extraction of
/// every scan+mask pair (or the named subjects), one recorded run per pair, then one cohort
/// feature table. The table's digest does not depend on `--jobs`.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract IBSI features of every scan+mask pair and build the cohort feature table.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Extraction settings: a YAML file (RadVault or PyRadiomics format) or a params digest.")
    var params: String
    @Option(name: .customLong("subject"), parsing: .upToNextOption, help: "Only these subjects (repeatable).")
    var subjects: [String] = []
    @Option(help: "Subjects extracted in parallel.") var jobs: Int = 1
    @Flag(help: "Re-execute runs whose specification is already recorded.") var force = false

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run() throws {
        let archive = try global.openArchive()
        let paramsArtifact = try ArtifactArgument.resolve(params, kind: .params, in: archive, option: "--params")
        // Refuse bad settings before any run starts, naming the key.
        _ = try ExtractExecutor.settings(from: try archive.read(paramsArtifact.digest), source: params)
        let pairs = try ExtractionPlan.pairs(in: archive, subjects: subjects)
        let service = RunService(archive: archive)
        let outcomes = try ExtractionPlan.execute(
            pairs, service: service, params: paramsArtifact.digest, jobs: jobs, force: force)
        let cohortInputs = zip(pairs, outcomes).compactMap { pair, outcome -> RunService.Input? in
            guard let features = outcome.outputs["features"] else { return nil }
            return RunService.Input(role: pair.role, digest: features.digest)
        }
        let cohort = try service.run(
            kind: "cohort-features", inputs: cohortInputs, params: nil, outputKinds: ["table": .features],
            outputNames: ["table": "cohort-features"], force: force)
        guard let table = cohort.outputs["table"] else {
            throw RadVaultError.internalError("cohort-features run produced no table")
        }
        try report(pairs: pairs, outcomes: outcomes, cohort: cohort, table: table)
    }

    func report(
        pairs: [ExtractionPlan.Pair], outcomes: [RunService.Outcome], cohort: RunService.Outcome, table: Artifact
    ) throws {
        if global.json {
            let runs: [JSONValue] = zip(pairs, outcomes).map { pair, outcome in
                .object([
                    "subject": .string(pair.subject), "roi": .string(pair.roi),
                    "run": .string(outcome.record.id.description), "cached": .bool(outcome.cached),
                    "features": .string(outcome.outputs["features"]?.digest.description ?? ""),
                ])
            }
            Output.json(
                .object([
                    "runs": .array(runs), "cohort_run": .string(cohort.record.id.description),
                    "cohort_features": .string(table.digest.description),
                ]))
            return
        }
        var rows: [[String]] = [["subject", "roi", "run", "features", ""]]
        for (pair, outcome) in zip(pairs, outcomes) {
            rows.append([
                pair.subject, pair.roi, outcome.record.id.short,
                outcome.outputs["features"]?.digest.short ?? "-", outcome.cached ? "(cached)" : "",
            ])
        }
        Output.table(rows)
        print("cohort feature table (\(pairs.count) subjects):")
        print(table.digest.description)
    }
}

/// Which scan+mask pairs to extract, and running them with a fixed number of workers.
enum ExtractionPlan {
    struct Pair: Sendable {
        var subject: String
        var roi: String
        var scan: Digest
        var mask: Digest
        /// The input role in the cohort table: the subject, plus the ROI when it has several.
        var role: String
    }

    /// Every mask of the selected subjects, paired with its scan (the mask's recorded scan,
    /// else the subject's only scan). Sorted by subject and ROI name.
    static func pairs(in archive: Archive, subjects wanted: [String]) throws -> [Pair] {
        let known = try archive.subjects()
        if let missing = wanted.first(where: { !known.contains($0) }) {
            throw RadVaultError.notFound("--subject \(missing): no such subject in the archive")
        }
        var pairs: [Pair] = []
        for subject in (wanted.isEmpty ? known : wanted).sorted() {
            let masks = try archive.artifacts(subject: subject, kind: .mask).sorted { $0.name < $1.name }
            let scans = try archive.artifacts(subject: subject, kind: .scan)
            for mask in masks {
                let scan = try scanDigest(for: mask, scans: scans, subject: subject, archive: archive)
                let role = masks.count > 1 ? "\(subject)/\(mask.name)" : subject
                pairs.append(Pair(subject: subject, roi: mask.name, scan: scan, mask: mask.digest, role: role))
            }
        }
        guard !pairs.isEmpty else {
            throw RadVaultError.notFound(
                "no scan+mask pairs to extract; expected subjects with a scan and a mask (radvault add scan/mask)")
        }
        return pairs
    }

    static func scanDigest(for mask: Artifact, scans: [Artifact], subject: String, archive: Archive) throws -> Digest {
        if let recorded = mask.metadata["scan"]?.stringValue {
            return try archive.artifact(recorded).digest
        }
        guard scans.count == 1, let only = scans.first else {
            throw RadVaultError.invalidInput(
                "subject \(subject): mask \(mask.digest.short) names no scan and the subject has \(scans.count) "
                    + "scans; expected exactly one (add the mask with --scan DIGEST)")
        }
        return only.digest
    }

    /// Runs every pair on `jobs` workers; pair i goes to worker i mod jobs, and outcomes are
    /// returned in pair order whatever the scheduling.
    static func execute(
        _ pairs: [Pair], service: RunService, params: Digest, jobs: Int, force: Bool
    ) throws -> [RunService.Outcome] {
        let progress = ProgressReporter(label: "extract", total: pairs.count)
        defer { progress.finish() }
        return try OrderedParallel.tryMap(count: pairs.count, workers: jobs) { i in
            let pair = pairs[i]
            defer { progress.advance() }
            return try service.run(
                kind: "extract",
                inputs: [.init(role: "mask", digest: pair.mask), .init(role: "scan", digest: pair.scan)],
                params: params, outputKinds: ["features": .features], subject: pair.subject,
                outputNames: ["features": "features-\(pair.roi)"], force: force, jobs: jobs)
        } wrap: { i, error in
            RadVaultError(
                (error as? RadVaultError)?.code ?? .internal,
                "extract of subject \(pairs[i].subject) (mask \(pairs[i].roi)) failed: \(error)")
        }
    }
}
