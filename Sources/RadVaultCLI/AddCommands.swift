import ArchiveStore
import ArgumentParser
import Foundation
import Imaging
import RadVaultCore

/// `radvault add …`: store a file in the archive. Prints the digest as its last line.
struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a scan, mask or table to the archive (prints the digest last).",
        subcommands: [Scan.self, Mask.self, Params.self, Clinical.self, Features.self, Genes.self, Genesets.self]
    )

    /// Imaging modalities a scan may declare.
    enum Modality: String, ExpressibleByArgument, CaseIterable {
        case CT, MR, PET, US
    }

    struct Scan: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scan", abstract: "Add a NIfTI scan of a subject.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A NIfTI file (.nii or .nii.gz).") var file: String
        @Option(help: "The subject (patient) ID.") var subject: String
        @Option(help: "CT, MR, PET or US.") var modality: Modality?

        func run() throws {
            let archive = try global.openArchive()
            let image = try ImageHeader.metadata(path: file)
            var metadata: [String: JSONValue] = [:]
            if let modality { metadata["modality"] = .string(modality.rawValue) }
            let artifact = try archive.put(file: file, kind: .scan, subject: subject, metadata: metadata, image: image)
            try Add.report(artifact, global: global)
        }
    }

    struct Mask: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mask",
            abstract: "Add a NIfTI region-of-interest mask; it must lie on its scan's grid.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A NIfTI mask file.") var file: String
        @Option(help: "The subject (patient) ID.") var subject: String
        @Option(help: "The scan's digest (default: the subject's only scan).") var scan: String?
        @Option(help: "The region's name (default: the file name).") var roi: String?

        func run() throws {
            let archive = try global.openArchive()
            let image = try ImageHeader.metadata(path: file)
            var metadata: [String: JSONValue] = [:]
            if let scan { metadata["scan"] = .string(scan) }
            if let roi { metadata["roi"] = .string(roi) }
            let artifact = try archive.put(
                file: file, kind: .mask, subject: subject, metadata: metadata, image: image, name: roi)
            try Add.report(artifact, global: global)
        }
    }

    struct Params: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "params", abstract: "Add a settings file (extraction, model, …).")
        @OptionGroup var table: TableOptions
        func run() throws { try table.add(kind: .params) }
    }

    struct Clinical: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clinical", abstract: "Add a clinical table (outcomes, covariates).")
        @OptionGroup var table: TableOptions
        func run() throws { try table.add(kind: .clinical) }
    }

    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "features",
            abstract: "Import a wide feature table (CSV/TSV: a subject column plus numeric columns, e.g. PyRadiomics).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV/TSV file.") var file: String
        @Option(help: "The subject column (default: detected).") var subjectColumn: String?
        @Option(help: "The name manifests list it under (default: the file name).") var name: String?

        func run() throws {
            let archive = try global.openArchive()
            let imported = try FeatureTableArgument.importFile(
                file, subjectColumn: subjectColumn, name: name, in: archive)
            if global.json {
                Output.json(
                    .object([
                        "digest": .string(imported.artifact.digest.description),
                        "subjects": .int(Int64(imported.subjects)), "features": .int(Int64(imported.features)),
                        "dropped": .array(
                            imported.dropped.map { .object(["name": .string($0.name), "reason": .string($0.reason)]) }),
                    ]))
            } else {
                print("\(imported.subjects) subjects × \(imported.features) features")
                for d in imported.dropped { print("dropped column \(d.name): \(d.reason)") }
            }
            print(imported.artifact.digest.description)
        }
    }

    struct Genes: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "genes", abstract: "Add a gene-expression table.")
        @OptionGroup var table: TableOptions
        func run() throws { try table.add(kind: .genes) }
    }

    struct Genesets: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "genesets", abstract: "Add gene sets (GMT).")
        @OptionGroup var table: TableOptions
        func run() throws { try table.add(kind: .genesets) }
    }

    /// Prints an added artifact: a summary line (or JSON), then the digest as the last line.
    static func report(_ artifact: Artifact, global: GlobalOptions) throws {
        if global.json {
            try Output.json(artifact)
        } else if global.verbose {
            print("\(artifact.kind.rawValue) \(artifact.name) \(artifact.size) bytes")
        }
        print(artifact.digest.description)
    }
}

/// Options of the table-like `add` commands.
struct TableOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file to add.") var file: String
    @Option(help: "The subject it belongs to, if any.") var subject: String?
    @Option(help: "The name manifests list it under (default: the file name).") var name: String?

    func add(kind: ArtifactKind) throws {
        let archive = try global.openArchive()
        let artifact = try archive.put(file: file, kind: kind, subject: subject, name: name)
        try Add.report(artifact, global: global)
    }
}
