import RadVaultCore

/// The queryable record of an archive: artifacts, subjects, images, runs, manifest commits and the
/// audit chain.
///
/// The protocol mentions no GRDB or SQLite type, so a PostgreSQL catalog with the same schema can
/// stand beside `SQLiteCatalog` later. Every mutating call appends its audit entry in the same
/// transaction as the change (DESIGN.md, "Integrity and safety").
public protocol Catalog: Sendable {
    /// Inserts an artifact (creating its subject if new) unless its digest is already catalogued;
    /// returns the stored artifact and whether it was inserted.
    func insertArtifact(_ artifact: Artifact, audit: AuditIntent) throws -> (artifact: Artifact, inserted: Bool)
    /// The artifact with exactly this digest.
    func artifact(digest: Digest) throws -> Artifact?
    /// Artifacts whose hex digest starts with `hexPrefix` (at most `limit`).
    func artifacts(hexPrefix: String, limit: Int) throws -> [Artifact]
    /// All artifacts, optionally of one kind and/or one subject, oldest first.
    func artifacts(kind: ArtifactKind?, subject: String?) throws -> [Artifact]
    /// Subject names, sorted.
    func subjects() throws -> [String]

    /// Records a run; a run with the same identity and the same outputs is a no-op.
    func insertRun(_ run: RunRecord, audit: AuditIntent) throws -> Bool
    /// The run with this identity.
    func run(id: Digest) throws -> RunRecord?
    /// All runs, in the order recorded.
    func runs() throws -> [RunRecord]

    /// Records a manifest commit.
    func insertManifestCommit(_ commit: ManifestCommit, audit: AuditIntent) throws
    /// Manifest commits, oldest first.
    func manifestCommits() throws -> [ManifestCommit]

    /// Appends an audit entry on its own (for events with no other catalog change).
    func appendAudit(_ audit: AuditIntent) throws
    /// The whole audit log, by sequence number.
    func auditEntries() throws -> [AuditEntry]
}

/// What to write to the audit log with a change: who, what, and a JSON description.
public struct AuditIntent: Sendable {
    public var agent: String
    public var action: String
    public var payload: JSONValue
    public var time: String

    public init(agent: String, action: String, payload: JSONValue, time: String = ISOTime.now()) {
        self.agent = agent
        self.action = action
        self.payload = payload
        self.time = time
    }
}

/// One `radvault commit` of the manifests, as the catalog records it.
public struct ManifestCommit: Codable, Hashable, Sendable {
    /// The git commit id (40 hex digits).
    public var commitID: String
    public var message: String
    public var tag: String?
    public var agent: String
    /// UTC ISO-8601.
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case message, tag, agent
        case commitID = "commit_id"
        case createdAt = "created_at"
    }

    public init(commitID: String, message: String, tag: String?, agent: String, createdAt: String) {
        self.commitID = commitID
        self.message = message
        self.tag = tag
        self.agent = agent
        self.createdAt = createdAt
    }
}
