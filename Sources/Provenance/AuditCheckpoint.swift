import ArchiveStore
import Foundation
import RadVaultCore

/// Merkle checkpoints over the audit log (RFC 6962 tree heads), and their detached signatures.
///
/// `append` adds an `audit.checkpoint` entry whose payload is the tree head over every entry
/// before it (called at each `radvault commit`). `sign` signs the latest checkpoint and writes
/// `signatures/checkpoint-<size>.json` beside the catalog — outside hashed content, because
/// Ed25519 signatures from swift-crypto are randomised. `verify` recomputes the tree head over
/// the first `size` audit entries and checks the signature, so an audit log rewritten before
/// that point is detected even when its hash chain was rebuilt.
public enum AuditCheckpoint {
    public static let action = "audit.checkpoint"

    /// A signed checkpoint file.
    public struct Signed: Codable, Sendable {
        public var checkpoint: MerkleTreeHead
        public var signature: DetachedSignature
    }

    /// The tree head over the first `size` entries (all entries when nil).
    public static func treeHead(_ archive: Archive, size: Int? = nil) throws -> MerkleTreeHead {
        let entries = try archive.auditEntries()
        return MerkleTree.treeHead(entryHashes: entries.prefix(size ?? entries.count).map(\.hash))
    }

    /// Appends a checkpoint entry covering every current entry; returns its tree head.
    @discardableResult
    public static func append(to archive: Archive) throws -> MerkleTreeHead {
        let head = try treeHead(archive)
        try archive.catalog.appendAudit(
            AuditIntent(
                agent: archive.agent, action: action,
                payload: .object(["size": .int(Int64(head.size)), "root_hash": .string(head.rootHash)])))
        return head
    }

    /// The latest checkpoint recorded in the audit log (nil when there is none).
    public static func latest(_ archive: Archive) throws -> MerkleTreeHead? {
        guard let entry = try archive.auditEntries().last(where: { $0.action == action }) else { return nil }
        let payload = try CanonicalJSON.parse(Data(entry.payload.utf8))
        guard let size = payload["size"]?.intValue, let root = payload["root_hash"]?.stringValue else {
            throw RadVaultError.corrupt("audit entry \(entry.seq): checkpoint payload lacks size/root_hash")
        }
        return MerkleTreeHead(size: size, rootHash: root)
    }

    /// Signs the latest checkpoint (appending one first if there is none) and writes the signature file.
    @discardableResult
    public static func sign(_ archive: Archive, key: Signing.PrivateKey) throws -> (URL, Signed) {
        let head = try latest(archive) ?? append(to: archive)
        let signed = Signed(checkpoint: head, signature: try Signing.sign(head.signedBytes, with: key))
        let folder = archive.root.appendingPathComponent("signatures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("checkpoint-\(head.size).json")
        try Data((CanonicalJSON.string(try CanonicalJSON.jsonValue(signed), pretty: true) + "\n").utf8)
            .write(to: url, options: .atomic)
        return (url, signed)
    }

    /// Checks every signature file against `trusted`; returns problems (empty when all verify).
    public static func verify(_ archive: Archive, trusted: Signing.PublicKey) throws -> [String] {
        let folder = archive.root.appendingPathComponent("signatures")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("checkpoint-") && $0.hasSuffix(".json") }.sorted()
        if names.isEmpty { return ["signatures/: no signed checkpoint to verify (run 'radvault audit --sign KEY')"] }
        let entries = try archive.auditEntries()
        var problems: [String] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            do {
                let signed = try CanonicalJSON.decode(Signed.self, from: Data(contentsOf: url))
                try Signing.verify(
                    signed.signature, message: signed.checkpoint.signedBytes, trusted: trusted,
                    subject: "signatures/\(name)")
                let head = MerkleTree.treeHead(entryHashes: entries.prefix(signed.checkpoint.size).map(\.hash))
                if entries.count < signed.checkpoint.size {
                    problems.append(
                        "signatures/\(name): signs \(signed.checkpoint.size) entries, the log has \(entries.count)")
                } else if head != signed.checkpoint {
                    problems.append(
                        "signatures/\(name): the audit log's first \(head.size) entries hash to root \(head.rootHash), "
                            + "the signed checkpoint says \(signed.checkpoint.rootHash) — the log was rewritten")
                }
            } catch {
                problems.append("\(error)")
            }
        }
        return problems
    }
}
