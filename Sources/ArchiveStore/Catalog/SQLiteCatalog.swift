import Foundation
import GRDB
import RadVaultCore

/// The catalog in one SQLite file, through GRDB: WAL mode, a busy timeout, migrations from
/// `migrations/` (embedded), every change and its audit entry in one `BEGIN IMMEDIATE` transaction.
///
/// Why IMMEDIATE: a deferred transaction that reads the audit tail and then writes can fail with
/// SQLITE_BUSY without waiting when another process wrote in between; IMMEDIATE takes the write
/// lock first and lets the busy timeout queue concurrent writers (SQLite "isolation" docs).
public final class SQLiteCatalog: Catalog, @unchecked Sendable {
    let pool: DatabasePool
    let path: String

    /// Opens (creating if needed) the catalog at `path` and applies pending migrations.
    ///
    /// `readOnly` (for `verify`) opens read-only connections when the catalog exists and needs
    /// no migration. Why: a writable pool on a catalog whose WAL file was removed (as SQLite does
    /// when the last connection closes) writes to make one at open (GRDB `setUpWALMode`), and
    /// its close then checkpoints — two commits and four `fdatasync`s per command, for nothing
    /// when the command only reads. Otherwise it opens as a writable pool, as without the flag.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        do {
            // Any failure of the read-only open (an error included) leaves it to the writable path.
            if readOnly, FileManager.default.fileExists(atPath: path),
                let pool = (try? Self.openReadOnly(path)) ?? nil
            {
                self.pool = pool
                return
            }
            pool = try DatabasePool(path: path, configuration: Self.configuration(readOnly: false))
            let migrator = Self.migrator()
            try Self.checkNotSuperseded(pool, migrator, path: path)
            // Why the read first: `migrate` takes a write transaction even when nothing is
            // pending, and read-only commands (`verify`, `ls`) should not write or fsync.
            if try !pool.read({ try migrator.hasCompletedMigrations($0) }) { try migrator.migrate(pool) }
        } catch let error as RadVaultError {
            throw error
        } catch {
            throw Self.wrap(error, path: path, doing: "cannot open the catalog")
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        return configuration
    }

    /// A read-only pool on an up-to-date catalog in WAL mode; nil when the catalog needs the
    /// writable path (migrations pending, or not in WAL mode yet); throws when it cannot be read.
    static func openReadOnly(_ path: String) throws -> DatabasePool? {
        let pool = try DatabasePool(path: path, configuration: configuration(readOnly: true))
        let migrator = migrator()
        let (superseded, ready) = try pool.read { db in
            (
                try migrator.hasBeenSuperseded(db),
                try migrator.hasCompletedMigrations(db) && String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal"
            )
        }
        if superseded { try checkNotSuperseded(pool, migrator, path: path) }
        return ready ? pool : nil
    }

    static func checkNotSuperseded(_ pool: DatabasePool, _ migrator: DatabaseMigrator, path: String) throws {
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
            throw RadVaultError.unsupported(
                "\(path): the catalog was written by a newer radvault (unknown migrations), expected at most "
                    + (EmbeddedSQL.migrations.last?.id ?? "none"))
        }
    }

    /// The migrator: one GRDB migration per embedded `migrations/NNNN_*.sql`, applied in order.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedSQL.migrations {
            let sql = migration.sql
            migrator.registerMigration(migration.id) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// The one chokepoint for database errors: GRDB/SQLite error → `RadVaultError`.
    static func wrap(_ error: any Error, path: String, doing: String) -> RadVaultError {
        if let error = error as? RadVaultError { return error }
        let detail = (error as? DatabaseError).map { "SQLite \($0.resultCode): \($0.message ?? "")" } ?? "\(error)"
        return RadVaultError(.corrupt, "\(path): \(doing): \(detail)")
    }

    /// Runs `body` in an IMMEDIATE write transaction.
    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw RadVaultError.internalError("\(path): \(doing): no result") }
                return result
            }
        } catch {
            throw Self.wrap(error, path: path, doing: doing)
        }
    }

    /// Runs `body` in a read transaction.
    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(db) }
        } catch {
            throw Self.wrap(error, path: path, doing: doing)
        }
    }

    // MARK: artifacts

    public func insertArtifact(_ artifact: Artifact, audit: AuditIntent) throws -> (artifact: Artifact, inserted: Bool)
    {
        try write("cannot add \(artifact.digest)") { db in
            if let existing = try Self.fetchArtifacts(db, where: "a.digest = ?", [artifact.digest.description]).first {
                return (existing, false)
            }
            let subjectID = try artifact.subject.map { try Self.subjectID(db, name: $0, time: artifact.createdAt) }
            try db.execute(
                sql: """
                    INSERT INTO artifact (digest, kind, media_type, size, created_at, subject_id, name, metadata)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    artifact.digest.description, artifact.kind.rawValue, artifact.mediaType, artifact.size,
                    artifact.createdAt, subjectID, artifact.name, CanonicalJSON.string(artifact.metadata),
                ])
            if let image = artifact.image {
                try Self.insertImage(db, image, artifactID: db.lastInsertedRowID)
            }
            try Self.append(db, audit)
            return (artifact, true)
        }
    }

    static func subjectID(_ db: Database, name: String, time: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM subject WHERE name = ?", arguments: [name]) {
            return id
        }
        try db.execute(sql: "INSERT INTO subject (name, created_at) VALUES (?, ?)", arguments: [name, time])
        return db.lastInsertedRowID
    }

    static func insertImage(_ db: Database, _ image: ImageMetadata, artifactID: Int64) throws {
        func json(_ values: [Double]) -> String { CanonicalJSON.string(.array(values.map(JSONValue.number))) }
        let dims = CanonicalJSON.string(.array(image.dimensions.map { .int(Int64($0)) }))
        try db.execute(
            sql: """
                INSERT INTO image (artifact_id, dimensions, spacing, datatype, qform_code, sform_code, qform, sform,
                affine, voxel_digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                artifactID, dims, json(image.spacing), image.datatype, image.qformCode, image.sformCode,
                json(image.qform), json(image.sform), json(image.affine), image.voxelDigest?.description,
            ])
    }

    public func artifact(digest: Digest) throws -> Artifact? {
        try read("cannot read artifact \(digest)") { db in
            try Self.fetchArtifacts(db, where: "a.digest = ?", [digest.description]).first
        }
    }

    public func artifacts(hexPrefix: String, limit: Int) throws -> [Artifact] {
        try read("cannot look up prefix \(hexPrefix)") { db in
            try Self.fetchArtifacts(
                db, where: "a.digest >= ? AND a.digest < ?", ["sha256:" + hexPrefix, "sha256:" + hexPrefix + "g"],
                limit: limit)
        }
    }

    public func artifacts(kind: ArtifactKind?, subject: String?) throws -> [Artifact] {
        try read("cannot list artifacts") { db in
            var clauses: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let kind {
                clauses.append("a.kind = ?")
                arguments.append(kind.rawValue)
            }
            if let subject {
                clauses.append("s.name = ?")
                arguments.append(subject)
            }
            return try Self.fetchArtifacts(
                db, where: clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
        }
    }

    public func subjects() throws -> [String] {
        try read("cannot list subjects") { db in try String.fetchAll(db, sql: "SELECT name FROM subject ORDER BY name")
        }
    }

    // MARK: manifest commits

    public func insertManifestCommit(_ commit: ManifestCommit, audit: AuditIntent) throws {
        try write("cannot record manifest commit \(commit.commitID)") { db in
            try db.execute(
                sql: "INSERT INTO manifest_commit (commit_id, message, tag, agent, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [commit.commitID, commit.message, commit.tag, commit.agent, commit.createdAt])
            try Self.append(db, audit)
        }
    }

    public func manifestCommits() throws -> [ManifestCommit] {
        try read("cannot list manifest commits") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM manifest_commit ORDER BY id").map { row in
                ManifestCommit(
                    commitID: row["commit_id"], message: row["message"], tag: row["tag"], agent: row["agent"],
                    createdAt: row["created_at"])
            }
        }
    }
}

extension SQLiteCatalog {
    /// `sqlite_master` (type, name, table, sql) after running `scripts` on an empty in-memory
    /// database, without SQLite's and GRDB's own bookkeeping: what the schema test compares.
    static func schemaDescription(after scripts: [String]) throws -> [String] {
        let queue = try DatabaseQueue()
        return try queue.write { db in
            for script in scripts { try db.execute(sql: script) }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT type, name, tbl_name, sql FROM sqlite_master
                    WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY type, name
                    """
            ).map { row in
                let sql: String? = row["sql"]
                return "\(row["type"] as String) \(row["name"] as String) \(row["tbl_name"] as String): \(sql ?? "")"
            }
        }
    }

    /// The applied migration identifiers, in order.
    func appliedMigrations() throws -> [String] {
        try read("cannot read migrations") { db in try Self.migrator().appliedMigrations(db) }
    }

    /// Runs raw SQL outside the audit log; only tests use it, to simulate tampering.
    func executeUnaudited(_ sql: String) throws {
        try write("raw SQL") { db in try db.execute(sql: sql) }
    }
}
