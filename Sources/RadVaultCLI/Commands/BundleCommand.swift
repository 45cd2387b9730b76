import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore

/// `radvault bundle create|open`: a whole study in one checked, optionally signed file.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Write or open a single-file study bundle (.rvb).",
        subcommands: [Create.self, Open.self])

    /// `radvault bundle create OUT.rvb [--rev REV] [--sign KEYFILE]`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Write the archive's objects, catalog and manifest history to one file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle to write.") var output: String
        @Option(help: "Only artifacts in the manifests at this revision (and runs made from them).") var rev: String?
        @Option(help: "Sign the bundle with this Ed25519 private key (see 'radvault keygen').") var sign: String?

        func run() throws {
            let archive = try global.openArchive()
            let key = try sign.map { try Signing.readPrivateKey(path: $0) }
            let s = try archive.createBundle(
                at: URL(fileURLWithPath: output), revision: rev, signingKey: key,
                progress: { ProgressReporter(label: "bundle", total: $0) })
            if global.json {
                return Output.json(
                    .object([
                        "bundle": .string(output), "entries": .int(Int64(s.entries)), "bytes": .int(Int64(s.bytes)),
                        "index": .string(s.indexDigest.description), "signed": .bool(s.signed),
                    ]))
            }
            print(
                "wrote \(output): \(s.entries) entries, \(s.bytes) bytes, index \(s.indexDigest)"
                    + (s.signed ? ", signed" : "")
            )
        }
    }

    /// `radvault bundle open IN.rvb DEST [--trust PUBKEY]`.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Check every digest (and the signature with --trust), then create the archive DEST.",
            discussion: """
                Nothing appears in DEST until everything checks out; a refused bundle leaves DEST as it \
                was. Refused: an entry path that is absolute, has '..', '.' or empty components, or lies \
                outside objects/, manifests/ and catalog.json; a git config, hook or alternates file; a \
                symbolic link or any entry that is not a regular file; a duplicate entry; a digest \
                mismatch; an object the catalog names but the bundle lacks; a catalog or manifests that \
                would not pass 'radvault verify'; bytes after the entries other than a signature; with \
                --trust, a missing signature or one by another key. Limits: index <= 64 MiB, <= 1,000,000 \
                entries, one entry <= 64 GiB, all entries <= 1 TiB, catalog.json <= 256 MiB, paths <= 1024 \
                bytes and 32 components, expansion ratio (size / stored size) <= 1 (entries are stored \
                uncompressed).
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle to open.") var input: String
        @Argument(help: "The new archive folder (must not exist or be empty).") var destination: String
        @Option(help: "Require a valid signature by this Ed25519 public key.") var trust: String?

        func run() throws {
            let key = try trust.map { try Signing.readPublicKey(path: $0) }
            let (archive, contents) = try Archive.openBundle(
                URL(fileURLWithPath: input), into: URL(fileURLWithPath: destination), trust: key,
                progress: { ProgressReporter(label: "bundle open", total: $0) })
            let signer = contents.signature.map { Signing.keyID($0.publicKey) }
            if global.json {
                return Output.json(
                    .object([
                        "archive": .string(archive.root.path), "entries": .int(Int64(contents.index.entries.count)),
                        "index": .string(contents.indexDigest.description),
                        "signature_verified": .bool(contents.verified),
                        "signed_by": signer.map(JSONValue.string) ?? .null,
                    ]))
            }
            var line =
                "opened \(input) into \(archive.root.path): \(contents.index.entries.count) entries, "
                + "every digest checked"
            if contents.verified, let signer { line += ", signature by \(signer) verified" }
            if !contents.verified, let signer { line += "; signed by \(signer) but not verified (use --trust)" }
            print(line)
        }
    }
}
