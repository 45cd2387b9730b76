import ArchiveStore
import Foundation
import RadVaultCore
import Testing

struct BundleTests {
    @Test func roundTripRestoresEveryFileAndVerifiesTheSignature() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let key = Signing.generateKey()
        let bundle = try f.writeBundle(signingKey: key)
        let dest = f.root.appendingPathComponent("opened")
        let contents = try BundleReader.open(bundle, into: dest, trust: key.publicKey)
        #expect(contents.verified)
        #expect(contents.index.entries.count == 6)
        for d in f.objects {
            let restored = try Data(contentsOf: dest.appendingPathComponent(BundleIndex.objectPath(d)))
            #expect(Digest.of(restored) == d)
        }
        #expect(try Data(contentsOf: dest.appendingPathComponent("manifests/.git/HEAD")).count == 21)
        #expect(try Data(contentsOf: dest.appendingPathComponent("catalog.json")) == Data("{\"catalog\":1}".utf8))
        #expect(try f.leftovers() == ["opened"])
    }

    @Test func bundlesAreDeterministicWithoutASignature() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let a = try Data(contentsOf: f.writeBundle("a.rvb"))
        let b = try Data(contentsOf: f.writeBundle("b.rvb"))
        #expect(a == b)
    }

    /// Opens `bundle` into a fresh DEST, expects a refusal containing `message`, and checks
    /// that nothing was left behind.
    func refuse(
        _ f: BundleFixture, _ bundle: URL, _ message: String, trust: Signing.PublicKey? = nil,
        limits: BundleLimits = .standard
    ) throws {
        let dest = f.root.appendingPathComponent("dest")
        let e = #expect(throws: RadVaultError.self) {
            try BundleReader.open(bundle, into: dest, trust: trust, limits: limits)
        }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
        #expect(try f.leftovers() == [])
    }

    @Test func refusesDotDotPaths() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let b = try f.craft("x.rvb", entries: [BundleFixture.entry("manifests/../../evil", Array("x".utf8))])
        try refuse(f, b, "entry path 'manifests/../../evil': '..' components are refused")
    }

    @Test func refusesAbsolutePaths() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let b = try f.craft("x.rvb", entries: [BundleFixture.entry("/etc/passwd", Array("x".utf8))])
        try refuse(f, b, "entry path '/etc/passwd': absolute paths are refused")
    }

    @Test func refusesSymlinkEntries() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let b = try f.craft(
            "x.rvb", entries: [BundleFixture.entry("manifests/subjects/P1.json", Array("/etc".utf8), type: "symlink")])
        try refuse(f, b, "entry 'manifests/subjects/P1.json': is a symbolic link; only regular files are accepted")
    }

    @Test func refusesDuplicateEntries() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let e = BundleFixture.entry("manifests/cohort.json", Array("{}".utf8))
        let b = try f.craft("x.rvb", entries: [e, e])
        try refuse(f, b, "duplicate entry 'manifests/cohort.json'")
    }

    @Test func refusesADigestMismatch() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        var (entry, _) = BundleFixture.entry("manifests/cohort.json", Array("{}".utf8))
        let tampered = Array("[]".utf8)
        entry = BundleFixture.entry("manifests/cohort.json", Array("{}".utf8)).0
        let b = try f.craft("x.rvb", entries: [(entry, tampered)])
        try refuse(f, b, "entry 'manifests/cohort.json' hashes to \(Digest.of(tampered))")
    }

    @Test func refusesAnObjectStoredUnderAnotherDigest() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let claimed = Digest.of(string: "claimed")
        var (entry, bytes) = BundleFixture.entry(BundleIndex.objectPath(claimed), Array("other".utf8))
        _ = bytes
        bytes = Array("other".utf8)
        let b = try f.craft("x.rvb", entries: [(entry, bytes)])
        try refuse(f, b, "not the digest its path names")
    }

    @Test func refusesAMissingObject() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let missing = Digest.of(string: "never bundled")
        let b = try f.craft(
            "x.rvb", entries: [BundleFixture.entry("catalog.json", Array("{}".utf8))], required: [missing])
        try refuse(f, b, "missing object \(missing), which the catalog references")
    }

    @Test func refusesSizesBeyondTheLimits() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bundle = try f.writeBundle()
        var small = BundleLimits()
        small.maxTotalSize = 16
        try refuse(f, bundle, "entries total more than the limit of 16 bytes", limits: small)
        var few = BundleLimits()
        few.maxEntrySize = 4
        try refuse(f, bundle, "is beyond the limit of 4", limits: few)
    }

    @Test func refusesAnExpandingEntry() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bomb: JSONValue = .object([
            "path": .string("manifests/cohort.json"), "type": .string("file"), "size": .int(1 << 20),
            "stored_size": .int(4), "method": .string("store"), "sha256": .string(String(repeating: "0", count: 64)),
        ])
        let b = try f.craft("x.rvb", entries: [(bomb, [1, 2, 3, 4])])
        try refuse(f, b, "expands 4 stored bytes to 1048576 (ratio 262144.0), beyond the limit of 1.0")
    }

    @Test func refusesATruncatedBundle() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bundle = try f.writeBundle()
        let bytes = try Data(contentsOf: bundle)
        try bytes.prefix(bytes.count - 3).write(to: bundle)
        try refuse(f, bundle, "truncated")
    }

    @Test func refusesTrailingBytesAfterTheEntries() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bundle = try f.writeBundle()
        let handle = try FileHandle(forWritingTo: bundle)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 7, count: 100_000))
        try handle.close()
        try refuse(f, bundle, "100000 unexpected bytes after the entries")
    }

    @Test func refusesAMissingOrBadSignatureWhenTrustIsGiven() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let key = Signing.generateKey()
        let unsigned = try f.writeBundle("unsigned.rvb")
        try refuse(f, unsigned, "not signed, but a trusted key was given (--trust)", trust: key.publicKey)
        let signed = try f.writeBundle("signed.rvb", signingKey: key)
        try refuse(f, signed, "not by the trusted key", trust: Signing.generateKey().publicKey)
        // Flip one byte of the signature inside the trailer.
        var bytes = [UInt8](try Data(contentsOf: signed))
        let marker = Array("\"signature\":\"".utf8)
        let at = try #require(
            (0..<(bytes.count - marker.count)).last { Array(bytes[$0..<($0 + marker.count)]) == marker })
        let pos = at + marker.count + 2
        bytes[pos] = bytes[pos] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(bytes).write(to: signed)
        try refuse(f, signed, "the Ed25519 signature does not verify against the trusted key", trust: key.publicKey)
    }

    @Test func refusesATamperedIndexUnderASignature() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let key = Signing.generateKey()
        let signed = try f.writeBundle("signed.rvb", signingKey: key)
        var bytes = [UInt8](try Data(contentsOf: signed))
        // One hex digit of an entry's sha256 (still well-formed: only the signature can tell).
        let marker = Array("\"sha256\":\"".utf8)
        let at = try #require(
            (0..<(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        let pos = at + marker.count
        bytes[pos] = bytes[pos] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try Data(bytes).write(to: signed)
        try refuse(f, signed, "the Ed25519 signature does not verify", trust: key.publicKey)
    }

    @Test func refusesANonEmptyDestinationAndGarbage() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bundle = try f.writeBundle()
        let e = #expect(throws: RadVaultError.self) { try BundleReader.open(bundle, into: f.archive) }
        #expect(e?.message == "bundle open: destination '\(f.archive.path)' exists and is not empty")
        let junk = f.root.appendingPathComponent("junk.rvb")
        try Data("hello, world, this is not a bundle".utf8).write(to: junk)
        try refuse(f, junk, "not a RadVault bundle (expected the magic 'RVBUNDLE')")
    }
}

/// Entries and headers the first version of the reader let through.
struct BundlePolicyTests {
    func refuse(_ f: BundleFixture, _ bundle: URL, _ message: String) throws {
        let dest = f.root.appendingPathComponent("dest")
        let e = #expect(throws: RadVaultError.self) { try BundleReader.open(bundle, into: dest) }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "no error")")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
        #expect(try f.leftovers() == [])
    }

    /// Git files that could run commands or read elsewhere once the reviewer uses git in
    /// `manifests/`, and a `.git` file redirecting the repository.
    @Test(arguments: [
        "manifests/.git/config", "manifests/.git", "manifests/.git/hooks/post-checkout",
        "manifests/.git/objects/info/alternates", "manifests/.git/commondir", "manifests/subjects/.git",
        "manifests/.gitattributes", "manifests/notes.txt", "manifests",
    ])
    func refusesGitMetadataThatIsNotHistory(_ path: String) throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let b = try f.craft("x.rvb", entries: [BundleFixture.entry(path, Array("[core]\n\tpager = sh -c id\n".utf8))])
        try refuse(f, b, "entry path '\(path)': expected a manifest file or manifests/.git/ HEAD")
    }

    @Test func nonZeroHeaderFlagsAreRefused() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let bundle = try f.writeBundle()
        var bytes = [UInt8](try Data(contentsOf: bundle))
        bytes[15] = 1
        try Data(bytes).write(to: bundle)
        try refuse(f, bundle, "header flags 1, expected 0")
    }

    @Test func fullwidthHexDigitsAreNotHexDigits() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        var (entry, bytes) = BundleFixture.entry("manifests/cohort.json", Array("{}".utf8))
        let fullwidth = String(repeating: "\u{FF41}", count: 64)
        if case .object(var fields) = entry {
            fields["sha256"] = .string(fullwidth)
            entry = .object(fields)
        }
        bytes = Array("{}".utf8)
        let b = try f.craft("x.rvb", entries: [(entry, bytes)])
        try refuse(f, b, "sha256 '\(fullwidth)' is not 64 lowercase hex digits")
    }

    @Test func aMissingOrFolderBundleIsARadVaultError() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        for path in [f.root.appendingPathComponent("none.rvb"), f.archive] {
            try refuse(f, path, "bundle '\(path.path)': cannot be read, expected an existing .rvb file")
        }
    }
}

extension BundlePolicyTests {
    @Test func aCatalogBeyondItsLimitIsRefusedBeforeDecoding() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        var limits = BundleLimits()
        limits.maxCatalogBytes = 4
        let dest = f.root.appendingPathComponent("dest")
        let e = #expect(throws: RadVaultError.self) {
            try BundleReader.open(try f.writeBundle(), into: dest, limits: limits)
        }
        #expect(e?.message.hasSuffix("entry 'catalog.json': size 13 is beyond the catalog limit of 4 bytes") == true)
        #expect(try f.leftovers() == [])
    }
}

extension BundlePolicyTests {
    /// A file-system failure while extracting (here: a full disk, simulated in `prepare`) is a
    /// `RadVaultError` naming DEST, and nothing is left behind.
    @Test func aFileSystemFailureWhileOpeningIsNamedAndCleanedUp() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let dest = f.root.appendingPathComponent("dest")
        let e = #expect(throws: RadVaultError.self) {
            try BundleReader.open(
                try f.writeBundle(), into: dest, prepare: { _, _ in throw CocoaError(.fileWriteOutOfSpace) })
        }
        #expect(e?.message == "bundle open: cannot write the archive beside '\(dest.path)'")
        #expect(try f.leftovers() == [])
    }
}

extension BundlePolicyTests {
    /// Under limits that allow any size, an entry claiming nearly 2^64 bytes must be "truncated",
    /// not an arithmetic overflow (a trap) when the data end is computed.
    @Test func anEntryNear2To64BytesIsTruncatedNotATrap() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let size = UInt64.max - 10
        let index = Array(
            ("{\"entries\":[{\"method\":\"store\",\"path\":\"manifests/cohort.json\",\"sha256\":\""
                + String(repeating: "0", count: 64) + "\",\"size\":\(size),\"stored_size\":\(size),"
                + "\"type\":\"file\"}],\"format\":\"radvault-bundle\",\"required_objects\":[],\"version\":1}").utf8)
        var bytes = Array("RVBUNDLE".utf8) + [0, 0, 0, 1, 0, 0, 0, 0]
        bytes += withUnsafeBytes(of: UInt64(index.count).bigEndian) { Array($0) } + index
        let bundle = f.root.appendingPathComponent("huge.rvb")
        try Data(bytes).write(to: bundle)
        var limits = BundleLimits()
        limits.maxEntrySize = .max
        limits.maxTotalSize = .max
        let e = #expect(throws: RadVaultError.self) { try BundleReader.inspect(bundle, limits: limits) }
        #expect(e?.message.contains("truncated — the entries need \(size) bytes after the index") == true)
    }
}

extension BundlePolicyTests {
    /// DEST below folders that do not exist yet: a bundle refused while extracting removes the
    /// folders it made for DEST too.
    @Test func aRefusalRemovesTheFoldersMadeForDest() throws {
        let f = try BundleFixture()
        defer { f.cleanup() }
        let (entry, _) = BundleFixture.entry("manifests/cohort.json", Array("{}".utf8))
        let b = try f.craft("x.rvb", entries: [(entry, Array("[]".utf8))])
        let dest = f.root.appendingPathComponent("new/deeper/dest")
        let e = #expect(throws: RadVaultError.self) { try BundleReader.open(b, into: dest) }
        #expect(e?.code == .digestMismatch)
        #expect(try f.leftovers() == [])
        let bundle = try f.writeBundle()
        try BundleReader.open(bundle, into: dest)
        #expect(FileManager.default.fileExists(atPath: dest.appendingPathComponent("catalog.json").path))
    }
}
