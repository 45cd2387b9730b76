import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Replay

/// `radvault replay [RUN… | --all | --rev REV] [--json]`: re-execute recorded runs and compare.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-execute recorded runs and compare their outputs (identical/equivalent/different/unreplayable).",
        discussion: "Exit status: 0 identical or equivalent, 1 different, 2 unreplayable or error.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Run ids (or unique prefixes of 8+ hex digits).") var runs: [String] = []
    @Flag(help: "Replay every recorded run.") var all = false
    @Option(help: "Replay the runs of this revision (inputs, params and outputs all in its manifests).")
    var rev: String?
    @Option(help: "Runs replayed in parallel (the verdicts do not depend on it).") var jobs = 1
    @Option(
        name: .customLong("blas-threads"),
        help: "Override the BLAS thread count recorded in each run's params (to show results do not depend on it)."
    ) var blasThreads: Int?

    func validate() throws {
        let chosen = (runs.isEmpty ? 0 : 1) + (all ? 1 : 0) + (rev == nil ? 0 : 1)
        guard chosen == 1 else { throw ValidationError("give run ids, --all or --rev REV (exactly one)") }
        guard jobs >= 1 else { throw ValidationError("--jobs: expected an integer ≥ 1, got \(jobs)") }
        if let blasThreads, blasThreads < 1 {
            throw ValidationError("--blas-threads: expected an integer ≥ 1, got \(blasThreads)")
        }
    }

    func run() throws {
        let archive = try global.openArchive()
        let selection: ArchiveReplay.Selection = all ? .all : rev.map { .revision($0) } ?? .runs(runs)
        let report = try ArchiveReplay.replay(
            archive, selection: selection, registry: .standard, jobs: jobs, blasThreads: blasThreads,
            progress: { ProgressReporter(label: "replay", total: $0) })
        if global.json {
            Output.json(report.json)
        } else {
            print(report.text(limit: global.verbose ? 100 : 10))
        }
        switch report.verdict {
        case .identical, .equivalent: return
        case .different: throw ProblemsFound()
        case .unreplayable:
            // Exit status 2 through the one mapping in RadVault.swift (a RadVaultError is an error).
            throw RadVaultError.unsupported(
                "replay: at least one run is unreplayable (an input is missing or corrupt, or the executor "
                    + "version is unknown to this build)")
        }
    }
}
