import Foundation
import RadVaultCore
import Testing

/// RFC 6962 vectors. The roots were computed independently of this code by
/// `scripts/ci/merkle_vectors.sh` (openssl, prefixes 0x00/0x01, largest-power-of-two split) over
/// the certificate-transparency reference leaves; they match the published CT test vectors.
struct MerkleTreeTests {
    static let leaves: [[UInt8]] = [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f),
    ]

    static let roots: [(Int, String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        (2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
        (3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77"),
        (7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c"),
        (8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
    ]

    @Test(arguments: roots)
    func rootMatchesRFC6962Vector(count: Int, expected: String) {
        let root = MerkleTree.rootHash(leaves: Array(Self.leaves.prefix(count)))
        #expect(hexEncode(root) == expected)
    }

    @Test func leafAndNodePrefixesDiffer() {
        let leaf: [UInt8] = [1, 2, 3]
        #expect(MerkleTree.leafHash(leaf) != Array(Digest.of(leaf).hex.utf8))
        #expect(MerkleTree.rootHash(leaves: [leaf]) == MerkleTree.leafHash(leaf))
        let two = MerkleTree.rootHash(leaves: [leaf, leaf])
        #expect(two == MerkleTree.nodeHash(MerkleTree.leafHash(leaf), MerkleTree.leafHash(leaf)))
    }

    @Test func treeHeadOverDigestsUsesRawBytes() throws {
        let digests = (0..<5).map { Digest.of(string: "entry \($0)") }
        let head = MerkleTree.treeHead(entryHashes: digests)
        #expect(head.size == 5)
        let raw = digests.map { d in
            stride(from: 0, to: 64, by: 2).map { i -> UInt8 in
                let s = d.hex.index(d.hex.startIndex, offsetBy: i)
                return UInt8(d.hex[s..<d.hex.index(s, offsetBy: 2)], radix: 16) ?? 0
            }
        }
        #expect(head.rootHash == hexEncode(MerkleTree.rootHash(leaves: raw)))
        // Appending an entry or changing one changes the root; the same entries give the same head.
        #expect(MerkleTree.treeHead(entryHashes: digests + [Digest.of(string: "x")]).rootHash != head.rootHash)
        var edited = digests
        edited[2] = Digest.of(string: "edited")
        #expect(MerkleTree.treeHead(entryHashes: edited).rootHash != head.rootHash)
        #expect(MerkleTree.treeHead(entryHashes: digests) == head)
    }

    @Test func checkpointSignedBytesAreCanonical() {
        let head = MerkleTreeHead(size: 3, rootHash: "ab")
        #expect(
            String(decoding: head.signedBytes, as: UTF8.self)
                == #"{"root_hash":"ab","size":3,"type":"radvault-merkle-checkpoint-v1"}"#)
    }
}
