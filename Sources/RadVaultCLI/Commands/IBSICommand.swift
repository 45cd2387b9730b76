import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Radiomics
import Replay

/// `radvault ibsi check [--json] [--force] [--no-record]`: IBSI-1 compliance of this feature engine.
struct IBSICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ibsi", abstract: "IBSI compliance of the feature engine.", subcommands: [Check.self])

    /// Computes the digital phantom and CT-phantom configurations A–E and compares every value
    /// with the IBSI reference (1803 values). When an archive is found, the check is recorded
    /// as an `ibsi-check` run, so every study's provenance names the engine's compliance; its
    /// params name the bundled reference data, so a known check is a cache hit unless `--force`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compute the IBSI-1 phantoms and report matched/total per family and benchmark.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Do not record the check in an archive even when one is found.") var noRecord = false
        @Flag(help: "Re-execute even if this run specification is already recorded.") var force = false

        func run() throws {
            let params = try IBSICheckExecutor.params()
            let report: JSONValue
            var run: RunService.Outcome?
            if !noRecord, let archive = try? global.openArchive() {
                let outcome = try Self.record(params: params, in: archive, force: force)
                report = try CanonicalJSON.parse(try archive.read(outcome.report.digest))
                run = outcome.run
            } else {
                report = try CanonicalJSON.parse(
                    try IBSICheckExecutor().execute(inputs: [:], params: params)["report"] ?? Data())
            }
            if global.json {
                var document = report.objectValue ?? [:]
                document["run"] = run.map { .string($0.record.id.description) } ?? .null
                document["cached"] = .bool(run?.cached ?? false)
                Output.json(.object(document))
            } else {
                if let run { print(Output.runLine(run)) }
                print(IBSICommand.text(report))
            }
            if report["matched"]?.intValue != report["total"]?.intValue { throw ProblemsFound() }
        }

        /// Does the check as a recorded `ibsi-check` run (a cache hit when this spec is recorded,
        /// unless `force`) and returns the run and its report artifact.
        static func record(params: Data, in archive: Archive, force: Bool) throws -> (
            run: RunService.Outcome, report: Artifact
        ) {
            let artifact = try archive.put(bytes: [UInt8](params), kind: .params, name: "ibsi-check-params")
            let outcome = try RunService(archive: archive).run(
                kind: "ibsi-check", inputs: [], params: artifact.digest, outputKinds: ["report": .result],
                outputNames: ["report": "ibsi-check"], force: force)
            guard let report = outcome.outputs["report"] else {
                throw RadVaultError.internalError("ibsi-check run \(outcome.record.id) has no report output")
            }
            return (outcome, report)
        }
    }

    /// Human rendering of the report JSON.
    static func text(_ report: JSONValue) -> String {
        var lines: [String] = []
        let matched = report["matched"]?.intValue ?? 0
        let total = report["total"]?.intValue ?? 0
        lines.append("IBSI-1 reference values matched: \(matched)/\(total)")
        var rows: [[String]] = [["phantom", "config", "family", "matched", "total"]]
        for b in report["benchmarks"]?.arrayValue ?? [] {
            rows.append([
                b["phantom"]?.stringValue ?? "", b["config"]?.stringValue ?? "", b["family"]?.stringValue ?? "",
                String(b["matched"]?.intValue ?? 0), String(b["total"]?.intValue ?? 0),
            ])
        }
        let widths = (0..<5).map { i in rows.map { $0[i].count }.max() ?? 0 }
        for r in rows {
            lines.append(
                r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  "))
        }
        let mismatches = report["mismatches"]?.arrayValue ?? []
        if !mismatches.isEmpty { lines.append("mismatches (\(mismatches.count)):") }
        for m in mismatches {
            lines.append("  " + CanonicalJSON.string(m))
        }
        return lines.joined(separator: "\n")
    }
}
