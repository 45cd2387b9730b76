import ArchiveStore
import ArgumentParser
import Foundation
import Provenance
import RadVaultCore

/// `radvault keygen --out PATH`: an Ed25519 key pair (PATH private, mode 0600; PATH.pub).
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen", abstract: "Make an Ed25519 key pair for signing bundles and audit checkpoints.")
    @Option(
        help: """
            The private key file to create, mode 0600 (the public key goes to PATH.pub). Refused when \
            PATH or PATH.pub exists: a key is never overwritten.
            """) var out: String

    func run() throws {
        let key = Signing.generateKey()
        try Signing.writeKeyPair(key, to: out)
        let id = Signing.keyID(Data(key.publicKey.rawRepresentation).base64EncodedString())
        print("wrote \(out) (private, mode 0600) and \(out).pub (key \(id))")
    }
}

/// The audit-checkpoint steps behind `audit --sign KEYFILE`, `verify --trust PUBKEY` and `commit`.
enum CheckpointCLI {
    /// `radvault audit --sign KEYFILE`: sign the latest Merkle checkpoint.
    static func sign(_ archive: Archive, keyFile: String) throws {
        let (url, signed) = try AuditCheckpoint.sign(archive, key: Signing.readPrivateKey(path: keyFile))
        print("signed checkpoint size \(signed.checkpoint.size) root \(signed.checkpoint.rootHash) -> \(url.path)")
    }

    /// `radvault verify --trust PUBKEY`: problems found in the signed checkpoints.
    static func verify(_ archive: Archive, trustFile: String) throws -> [Problem] {
        try AuditCheckpoint.verify(archive, trusted: Signing.readPublicKey(path: trustFile)).map {
            Problem(kind: "checkpoint_signature", object: "signatures/", detail: $0)
        }
    }

    /// After `radvault commit`: append a Merkle checkpoint over the audit log.
    static func checkpoint(_ archive: Archive) throws {
        try AuditCheckpoint.append(to: archive)
    }
}
