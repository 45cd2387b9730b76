import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore

/// `radvault ls [--kind K]`: list artifacts.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List artifacts.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this kind (scan, mask, params, features, clinical, genes, genesets, model, result, report).")
    var kind: String?

    func run() throws {
        let archive = try global.openArchive()
        let artifacts = try archive.artifacts(kind: try kind.map(ArtifactKind.init(parsing:)))
        if global.json { return try Output.json(artifacts) }
        Output.table(
            artifacts.map { a in
                [a.digest.short, a.kind.rawValue, a.subject ?? "-", String(a.size), a.name]
            })
    }
}

/// `radvault show DIGEST`: an artifact's catalog record.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an artifact's record (digest or 8+ digit prefix).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Digest or unique prefix.") var digest: String

    func run() throws {
        let artifact = try global.openArchive().artifact(digest)
        if global.json { return try Output.json(Self.json(artifact)) }
        var rows: [[String]] = [
            ["digest", artifact.digest.description], ["kind", artifact.kind.rawValue],
            ["name", artifact.name], ["subject", artifact.subject ?? "-"], ["media_type", artifact.mediaType],
            ["size", String(artifact.size)], ["created_at", artifact.createdAt],
        ]
        for (key, value) in artifact.metadata.objectValue?.sorted(by: { $0.key < $1.key }) ?? [] {
            rows.append([key, value.stringValue ?? CanonicalJSON.string(value)])
        }
        if let image = artifact.image {
            rows.append(["dimensions", image.dimensions.map(String.init).joined(separator: " x ")])
            rows.append(["spacing", image.spacing.map { "\($0)" }.joined(separator: " x ")])
            rows.append(["datatype", image.datatype])
            rows.append(["qform_code / sform_code", "\(image.qformCode) / \(image.sformCode)"])
            rows.append(["voxel_digest", image.voxelDigest?.description ?? "-"])
        }
        Output.table(rows)
    }

    /// The artifact with the image fields also at the top level (`voxel_digest`, `dimensions`, `spacing`).
    static func json(_ artifact: Artifact) throws -> JSONValue {
        guard case .object(var object) = try CanonicalJSON.jsonValue(artifact) else { return .null }
        if let image = artifact.image {
            object["voxel_digest"] = image.voxelDigest.map { .string($0.description) } ?? .null
            object["dimensions"] = .array(image.dimensions.map { .int(Int64($0)) })
            object["spacing"] = .array(image.spacing.map(JSONValue.number))
        }
        return .object(object)
    }
}

/// `radvault cat DIGEST`: write an artifact's bytes to standard output.
struct Cat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat", abstract: "Write an artifact's bytes to standard output.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Digest or unique prefix.") var digest: String

    func run() throws {
        let archive = try global.openArchive()
        var reader = try archive.reader(for: try archive.artifact(digest).digest)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if n == 0 { break }
            FileHandle.standardOutput.write(Data(buffer[0..<n]))
        }
    }
}
