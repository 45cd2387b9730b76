import ArchiveStore
import Foundation
import Modeling
import RadVaultCore

/// Resolves `--features` style arguments: a CSV/TSV file is imported into Modeling's canonical
/// `radvault.features/1` table (as `radvault add features` does), a JSON file is checked and
/// stored as is, anything else must be the digest of a `features` artifact.
enum FeatureTableArgument {
    /// What an import stored and what it left out.
    struct Imported {
        var artifact: Artifact
        var subjects: Int
        var features: Int
        var dropped: [DroppedColumn]
    }

    /// Imports a feature table file into the archive.
    static func importFile(_ path: String, subjectColumn: String?, name: String?, in archive: Archive) throws
        -> Imported
    {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RadVaultError(.notFound, "\(path): cannot read the feature table", cause: error)
        }
        let table: FeatureTable
        var dropped: [DroppedColumn] = []
        if data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") {
            table = try FeatureTable.decode(canonical: [UInt8](data))
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw RadVaultError.invalidInput("\(path): not UTF-8 text; expected a CSV/TSV feature table")
            }
            let imported = try FeatureTable.importDelimited(text, source: path, subjectColumn: subjectColumn)
            table = imported.table
            dropped = imported.dropped
        }
        let artifact = try archive.put(
            bytes: try table.canonicalBytes(), kind: .features,
            metadata: ["source": .string(URL(fileURLWithPath: path).lastPathComponent)],
            name: name ?? URL(fileURLWithPath: path).lastPathComponent)
        return Imported(
            artifact: artifact, subjects: table.subjects.count, features: table.features.count, dropped: dropped)
    }

    /// A file (imported) or the digest of a `features` artifact.
    static func resolve(_ text: String, in archive: Archive, option: String) throws -> Artifact {
        if FileManager.default.fileExists(atPath: text) {
            return try importFile(text, subjectColumn: nil, name: nil, in: archive).artifact
        }
        return try ArtifactArgument.resolve(text, kind: .features, in: archive, option: option)
    }
}
