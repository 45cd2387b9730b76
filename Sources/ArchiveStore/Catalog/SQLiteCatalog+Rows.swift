import Foundation
import GRDB
import RadVaultCore

/// Row decoding: catalog rows → `Artifact` and `ImageMetadata`, checking what untrusted bytes
/// (a catalog from a bundle) could get wrong.
extension SQLiteCatalog {
    static let artifactSelect = """
        SELECT a.*, s.name AS subject_name, i.dimensions, i.spacing, i.datatype, i.qform_code, i.sform_code,
        i.qform, i.sform, i.affine, i.voxel_digest, i.id AS image_id
        FROM artifact a LEFT JOIN subject s ON s.id = a.subject_id LEFT JOIN image i ON i.artifact_id = a.id
        """

    static func fetchArtifacts(
        _ db: Database, where clause: String, _ arguments: [(any DatabaseValueConvertible)?], limit: Int? = nil
    ) throws -> [Artifact] {
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        let rows = try Row.fetchAll(
            db, sql: artifactSelect + " WHERE \(clause) ORDER BY a.id" + limitClause,
            arguments: StatementArguments(arguments))
        return try rows.map(artifact(from:))
    }

    /// Every artifact's identity columns only (digest, kind, name, size, subject), in catalog
    /// order: what `verify` compares with blobs, manifests and the audit log. The other fields are
    /// left empty (`metadata` null, no image); `artifacts(kind:subject:)` reads them in full.
    public func artifactIdentities() throws -> [Artifact] {
        try read("cannot list artifacts") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.digest, a.kind, a.size, a.name, s.name FROM artifact a
                    LEFT JOIN subject s ON s.id = a.subject_id ORDER BY a.id
                    """)
            return try rows.map { row in
                let digestText: String = row[0]
                let kindText: String = row[1]
                return Artifact(
                    digest: try Digest(parsing: digestText),
                    kind: try ArtifactKind(rawValue: kindText) ?? ArtifactKind(parsing: kindText), mediaType: "",
                    size: row[2], createdAt: "", subject: row[4], name: row[3], metadata: .null, image: nil)
            }
        }
    }

    static func artifact(from row: Row) throws -> Artifact {
        let digestText: String = row["digest"]
        let kindText: String = row["kind"]
        let metadataText: String = row["metadata"]
        let image: ImageMetadata? = try row["image_id"] == nil ? nil : imageMetadata(from: row, digest: digestText)
        // The stored kind is the raw value; `parsing` (which lowercases) only for anything else.
        let kind = try ArtifactKind(rawValue: kindText) ?? ArtifactKind(parsing: kindText)
        return Artifact(
            digest: try Digest(parsing: digestText), kind: kind,
            mediaType: row["media_type"], size: row["size"], createdAt: row["created_at"],
            subject: row["subject_name"], name: row["name"],
            metadata: try parseJSON(metadataText, field: "artifact.metadata", digest: digestText), image: image)
    }

    static func imageMetadata(from row: Row, digest: String) throws -> ImageMetadata {
        func doubles(_ column: String) throws -> [Double] {
            let text: String = row[column]
            guard let values = try parseJSON(text, field: "image.\(column)", digest: digest).arrayValue else {
                throw RadVaultError.corrupt("catalog image row of \(digest): \(column) is not a JSON array")
            }
            return values.compactMap(\.doubleValue)
        }
        let voxel: String? = row["voxel_digest"]
        return ImageMetadata(
            dimensions: try doubles("dimensions").map { Int($0) }, spacing: try doubles("spacing"),
            datatype: row["datatype"], qformCode: row["qform_code"], sformCode: row["sform_code"],
            qform: try doubles("qform"), sform: try doubles("sform"), affine: try doubles("affine"),
            voxelDigest: try voxel.map { try Digest(parsing: $0) })
    }

    static func parseJSON(_ text: String, field: String, digest: String) throws -> JSONValue {
        do {
            return try CanonicalJSON.parse(Array(text.utf8))
        } catch {
            throw RadVaultError.corrupt("catalog row of \(digest): \(field) is not valid JSON")
        }
    }
}
