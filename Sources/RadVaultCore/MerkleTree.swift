import Crypto
import Foundation

/// RFC 6962 Merkle tree hashing over a list of leaves (the audit log's entry hashes).
///
/// Why this shape: RFC 6962 section 2.1 (Certificate Transparency) defines
/// `MTH({}) = SHA-256()`, `MTH({d0}) = SHA-256(0x00 || d0)` and, for n > 1,
/// `MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))` with k the largest power of two
/// smaller than n. The distinct leaf and node prefixes stop a leaf from being passed off as an
/// inner node (second-preimage attack). Inclusion and consistency proofs are not provided.
public enum MerkleTree {
    /// The Merkle tree hash (32 bytes) of `leaves`, each leaf given as its raw bytes.
    public static func rootHash(leaves: [[UInt8]]) -> [UInt8] {
        if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        let hashed = leaves.map(leafHash)
        return subtreeHash(hashed[...])
    }

    /// The tree head over audit-log entry hashes: each digest's 32 raw bytes is one leaf.
    public static func treeHead(entryHashes: [Digest]) -> MerkleTreeHead {
        let root = rootHash(leaves: entryHashes.map { rawBytes(of: $0) })
        return MerkleTreeHead(size: entryHashes.count, rootHash: hexEncode(root))
    }

    /// `SHA-256(0x00 || leaf)`.
    public static func leafHash(_ leaf: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x00])
        h.update(data: leaf)
        return Array(h.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var h = SHA256()
        h.update(data: [0x01])
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }

    /// Hash of a non-empty run of already leaf-hashed entries, split as RFC 6962 prescribes.
    static func subtreeHash(_ hashes: ArraySlice<[UInt8]>) -> [UInt8] {
        if hashes.count == 1, let only = hashes.first { return only }
        var k = 1
        while k * 2 < hashes.count { k *= 2 }
        let mid = hashes.startIndex + k
        return nodeHash(subtreeHash(hashes[hashes.startIndex..<mid]), subtreeHash(hashes[mid...]))
    }

    /// The 32 bytes behind a digest's hex spelling.
    static func rawBytes(of digest: Digest) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        var high: UInt8?
        for c in digest.hex.utf8 {
            let v: UInt8 = c <= UInt8(ascii: "9") ? c &- UInt8(ascii: "0") : (c | 0x20) &- UInt8(ascii: "a") &+ 10
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return out
    }
}

/// A signed-tree-head-like checkpoint: the number of leaves and the Merkle root over them.
public struct MerkleTreeHead: Codable, Hashable, Sendable {
    /// Number of leaves (audit entries) covered.
    public var size: Int
    /// Lowercase hex of the 32-byte root hash.
    public var rootHash: String

    enum CodingKeys: String, CodingKey {
        case size
        case rootHash = "root_hash"
    }

    public init(size: Int, rootHash: String) {
        self.size = size
        self.rootHash = rootHash
    }

    /// The bytes a signature over this checkpoint covers: canonical JSON of
    /// `{"root_hash": …, "size": …, "type": "radvault-merkle-checkpoint-v1"}`.
    public var signedBytes: [UInt8] {
        CanonicalJSON.bytes(
            .object([
                "type": .string("radvault-merkle-checkpoint-v1"), "size": .int(Int64(size)),
                "root_hash": .string(rootHash),
            ]))
    }
}
