import ArchiveStore
import ArgumentParser
import Foundation
import Provenance
import RadVaultCore

/// `radvault export prov|ro-crate`: provenance for compliance officers and repositories.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export provenance (W3C PROV-JSON, RO-Crate).",
        subcommands: [Prov.self, ROCrate.self, ExportFeatures.self])

    /// `radvault export prov [--out FILE]`.
    struct Prov: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prov", abstract: "Write W3C PROV-JSON of every artifact, run and agent.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Write to this file instead of standard output.") var out: String?

        func run() throws {
            let bytes = PROVJSONExporter.bytes(try ProvenanceGraph(archive: global.openArchive()))
            if let out {
                do {
                    try Data(bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
                } catch {
                    throw RadVaultError(
                        .invalidInput,
                        "export prov --out \(out): cannot write the file; expected a writable path in an "
                            + "existing folder", cause: error)
                }
                print("wrote \(out)")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    /// `radvault export ro-crate DIR [--metadata-only]`.
    struct ROCrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ro-crate",
            abstract:
                "Write an RO-Crate 1.1 (Workflow/Provenance Run Crate) with the data "
                + "or, with --metadata-only, by reference."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The crate folder (must not exist or be empty).") var directory: String
        @Flag(help: "Reference files by sha256 instead of copying them.") var metadataOnly = false

        func run() throws {
            let archive = try global.openArchive()
            let graph = try ProvenanceGraph(archive: archive)
            try ROCrateExporter.write(graph, to: URL(fileURLWithPath: directory), metadataOnly: metadataOnly) {
                archive.root.appendingPathComponent(BundleIndex.objectPath($0))
            }
            print(
                "wrote \(directory)/ro-crate-metadata.json (\(graph.runs.count) runs, \(graph.allDigests.count) files)")
        }
    }
}
