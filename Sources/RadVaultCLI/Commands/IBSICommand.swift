import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore
import Radiomics
import Replay

/// `radvault ibsi check [--json]`: IBSI-1 compliance of this feature engine.
struct IBSICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ibsi", abstract: "IBSI compliance of the feature engine.", subcommands: [Check.self])

    /// Computes the digital phantom and CT-phantom configurations A–E and compares every value
    /// with the IBSI reference (1803 values). When an archive is found, the check is recorded
    /// as an `ibsi-check` run, so every study's provenance names the engine's compliance.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compute the IBSI-1 phantoms and report matched/total per family and benchmark.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Do not record the check in an archive even when one is found.") var noRecord = false

        func run() throws {
            let bytes: Data
            if !noRecord, let archive = try? global.openArchive() {
                let outcome = try RunService(archive: archive).run(
                    kind: "ibsi-check", inputs: [], params: nil, outputKinds: ["report": .result],
                    outputNames: ["report": "ibsi-check"], force: true)
                guard let report = outcome.outputs["report"] else {
                    throw RadVaultError.internalError("ibsi-check run produced no report")
                }
                bytes = try archive.read(report.digest)
            } else {
                bytes = try IBSICheckExecutor().execute(inputs: [:], params: Data())["report"] ?? Data()
            }
            let report = try CanonicalJSON.parse(bytes)
            if global.json {
                Output.json(report)
            } else {
                print(IBSICommand.text(report))
            }
            if report["matched"]?.intValue != report["total"]?.intValue { throw ProblemsFound() }
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
