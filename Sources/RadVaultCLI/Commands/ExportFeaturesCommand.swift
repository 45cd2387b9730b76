import ArchiveStore
import ArgumentParser
import Foundation
import Modeling
import RadVaultCore

/// `radvault export features --csv [DIGEST] [--out FILE]`: a feature table as a wide CSV with
/// a `subject` column (default: the newest cohort feature table).
struct ExportFeatures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features", abstract: "Write a feature table as a wide CSV with a subject column.")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "CSV output (the only format).") var csv = false
    @Argument(help: "The features artifact (default: the newest cohort feature table).") var digest: String?
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() throws {
        let archive = try global.openArchive()
        let artifact: Artifact
        if let digest {
            artifact = try archive.artifact(digest)
        } else {
            let tables = try archive.artifacts(kind: .features).filter { $0.subject == nil }
            guard let newest = tables.max(by: { ($0.createdAt, $0.digest) < ($1.createdAt, $1.digest) }) else {
                throw RadVaultError.notFound("no cohort feature table in the archive; run 'radvault extract' first")
            }
            artifact = newest
        }
        guard artifact.kind == .features else {
            throw RadVaultError.invalidInput(
                "\(artifact.digest): is a \(artifact.kind.rawValue); expected a features artifact")
        }
        let table = try FeatureTable.decode(canonical: [UInt8](try archive.read(artifact.digest)))
        let text = Self.csv(table)
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } else {
            print(text, terminator: "")
        }
    }

    /// Wide CSV: `subject` then one column per feature; doubles in shortest round-trip form.
    static func csv(_ table: FeatureTable) -> String {
        let rows = table.subjects.indices.map { i in
            [table.subjects[i]]
                + table.columns.map { column in
                    let v = column[i]
                    return v.isNaN ? "NaN" : (v.isFinite ? v.description : (v > 0 ? "Infinity" : "-Infinity"))
                }
        }
        return DelimitedTable.csv(header: ["subject"] + table.features, rows: rows)
    }
}
