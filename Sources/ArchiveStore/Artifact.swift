import Foundation
import RadVaultCore

/// One stored artifact: the exact bytes (by digest) plus what the catalog knows about them.
public struct Artifact: Codable, Hashable, Sendable {
    /// `sha256:<hex>` of the exact bytes.
    public var digest: Digest
    public var kind: ArtifactKind
    public var mediaType: String
    /// Size of the bytes.
    public var size: Int64
    /// When it was first added, UTC ISO-8601.
    public var createdAt: String
    /// The subject (patient) it belongs to, if any.
    public var subject: String?
    /// A short name: the file name it was added from, or a caller-given name. Manifests list an
    /// artifact under (kind, name); a newer artifact with the same kind and name replaces it there.
    public var name: String
    /// Kind-specific metadata (e.g. `modality`, `roi`, `scan`), a JSON object.
    public var metadata: JSONValue
    /// Grid and encoding, for scans and masks.
    public var image: ImageMetadata?

    enum CodingKeys: String, CodingKey {
        case digest, kind, size, subject, name, metadata, image
        case mediaType = "media_type"
        case createdAt = "created_at"
    }

    public init(
        digest: Digest, kind: ArtifactKind, mediaType: String, size: Int64, createdAt: String,
        subject: String?, name: String, metadata: JSONValue, image: ImageMetadata?
    ) {
        self.digest = digest
        self.kind = kind
        self.mediaType = mediaType
        self.size = size
        self.createdAt = createdAt
        self.subject = subject
        self.name = name
        self.metadata = metadata
        self.image = image
    }
}
