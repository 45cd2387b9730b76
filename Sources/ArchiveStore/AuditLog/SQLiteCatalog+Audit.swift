import Foundation
import GRDB
import RadVaultCore

/// The audit chain in the `audit` table: appended inside the caller's transaction.
extension SQLiteCatalog {
    /// Appends the entry that follows the current tail; must run inside a write transaction.
    static func append(_ db: Database, _ intent: AuditIntent) throws {
        let tail = try Row.fetchOne(db, sql: "SELECT \(auditColumns) FROM audit ORDER BY seq DESC LIMIT 1")
            .map(auditEntry(from:))
        let entry = AuditEntry.next(
            after: tail, time: intent.time, agent: intent.agent, action: intent.action, payload: intent.payload)
        try db.execute(
            sql: """
                INSERT INTO audit (seq, time, agent, action, payload, payload_digest, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.seq, entry.time, entry.agent, entry.action, entry.payload, entry.payloadDigest.description,
                entry.prevHash.description, entry.hash.description,
            ])
    }

    /// The audit columns in the order `auditEntry(from:)` reads them (by position: GRDB's lookup
    /// by name lowercases the name at every access).
    static let auditColumns = "seq, time, agent, action, payload, payload_digest, prev_hash, hash"

    static func auditEntry(from row: Row) throws -> AuditEntry {
        let seq: Int64 = row[0]
        func digest(_ index: Int, _ column: String) throws -> Digest {
            let text: String = row[index]
            do {
                return try Digest(parsing: text)
            } catch {
                throw RadVaultError.corrupt("catalog audit entry \(seq): \(column) '\(text)' is not a sha256 digest")
            }
        }
        return AuditEntry(
            seq: seq, time: row[1], agent: row[2], action: row[3], payload: row[4],
            payloadDigest: try digest(5, "payload_digest"), prevHash: try digest(6, "prev_hash"),
            hash: try digest(7, "hash"))
    }

    public func appendAudit(_ audit: AuditIntent) throws {
        try write("cannot append to the audit log") { db in try Self.append(db, audit) }
    }

    public func auditEntries() throws -> [AuditEntry] {
        try read("cannot read the audit log") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.auditColumns) FROM audit ORDER BY seq").map(Self.auditEntry(from:))
        }
    }
}
