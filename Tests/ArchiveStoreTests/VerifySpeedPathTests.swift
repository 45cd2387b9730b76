import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

/// The faster paths behind `verify` give the same answers as the paths they replace.
@Suite struct VerifySpeedPathTests {
    /// Several kinds of problems at once come back in check order (blobs in catalog order,
    /// orphans and strays, manifests, audit chain), whatever the threads' timing.
    @Test func problemsKeepTheirOrderWhenTheChecksRunSideBySide() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("first".utf8), kind: .result)
        let b = try f.archive.put(bytes: Array("second".utf8), kind: .genes)
        let c = try f.archive.put(bytes: Array("third".utf8), kind: .result)
        try f.archive.commit(message: "m")
        try FileManager.default.removeItem(atPath: f.archive.objects.location(of: c.digest))
        let changed = f.archive.objects.location(of: a.digest)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: changed)
        try Data("FIRST".utf8).write(to: URL(fileURLWithPath: changed))
        let orphan = try f.archive.objects.write(bytes: Array("orphan".utf8))
        let stray = f.archive.root.appendingPathComponent("objects/sha256/zz")
        try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
        let catalog = try #require(f.sqliteCatalog)
        try catalog.executeUnaudited("UPDATE artifact SET kind = 'clinical' WHERE digest = '\(b.digest)'")
        try catalog.executeUnaudited("UPDATE audit SET agent = 'mallory' WHERE seq = 2")
        for _ in 0..<5 {
            let problems = try f.archive.verify()
            #expect(
                problems.map(\.kind) == [
                    "digest-mismatch", "missing-blob", "orphan-blob", "orphan-blob", "manifest-mismatch",
                    "audit-chain",
                ])
            #expect(
                Array(problems.map(\.object).prefix(4)) == [
                    a.digest.description, c.digest.description, orphan.digest.description, stray.path,
                ])
            #expect(problems.last?.object == "audit seq 2")
        }
    }

    /// `verify` only reads: the catalog file is byte for byte the same afterwards (a writable
    /// open would set up the WAL with a write, and its close would checkpoint it into the file).
    @Test func verifyLeavesTheCatalogFileUnchanged() throws {
        let folder = try TestSupport.temporaryDirectory("radvault-readonly")
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = folder.appendingPathComponent("archive").path
        do {
            let archive = try Archive.create(at: root, agent: "tester")
            try archive.put(bytes: Array("x".utf8), kind: .result)
            try archive.commit(message: "m")
        }
        let path = folder.appendingPathComponent("archive/catalog.sqlite").path
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try Archive.open(at: root, readOnly: true).verify() == [])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Archive.open(at: root, readOnly: true).verify() == [])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    /// A read-only open of a catalog that is not an archive's yet falls back to the writable open.
    @Test func readOnlyOpenOfANewCatalogCreatesIt() throws {
        let folder = try TestSupport.temporaryDirectory("radvault-readonly")
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = try SQLiteCatalog(path: folder.appendingPathComponent("catalog.sqlite").path, readOnly: true)
        #expect(try catalog.auditEntries().isEmpty)
    }

    /// One pass over the store lists what `allDigests` and `strayPaths` list.
    @Test func inventoryMatchesTheTwoListings() throws {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: Array("one".utf8), kind: .result)
        try f.archive.put(bytes: Array("two".utf8), kind: .result)
        let base = f.archive.root.appendingPathComponent("objects/sha256")
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("zz"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: base.appendingPathComponent("ab-not-a-digest"))
        let store = try #require(f.archive.objects as? LocalObjectStore)
        let (digests, strays) = try store.inventory()
        #expect(digests == (try store.allDigests()))
        #expect(Set(strays) == Set(try store.strayPaths()))
        #expect(strays.count == 2)
    }

    /// `rehashIfPresent` agrees with `contains` + `rehash`, and names a folder in the blob's place.
    @Test func rehashIfPresentMatchesRehash() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array(repeating: 7, count: 600_000), kind: .result)
        let store = try #require(f.archive.objects as? LocalObjectStore)
        let fast = try #require(try store.rehashIfPresent(a.digest))
        let slow = try store.rehash(a.digest)
        #expect(fast.digest == slow.digest && fast.size == slow.size && fast.digest == a.digest)
        let absent = Digest.of(Array("absent".utf8))
        #expect(try store.rehashIfPresent(absent) == nil)
        #expect(store.location(of: a.digest) == store.path(of: a.digest).path)
        try FileManager.default.createDirectory(
            atPath: store.location(of: absent), withIntermediateDirectories: true)
        #expect {
            try store.rehashIfPresent(absent)
        } throws: { error in
            "\(error)".contains("is a directory, expected a regular file")
        }
    }

    /// Manifest entries read from parsed JSON equal the `Decodable` ones; anything unusual is
    /// still decided (and worded) by `Decodable`.
    @Test func manifestEntriesFastPathMatchesDecodable() throws {
        let plain: JSONValue = .array([
            .object([
                "digest": .string(Digest.of([1]).description), "kind": .string("scan"), "name": .string("image"),
                "media_type": .string("application/x-nifti"), "size": .int(12),
                "voxel_digest": .string(Digest.of([2]).description),
            ]),
            .object([
                "digest": .string(Digest.of([3]).description), "kind": .string("params"), "name": .string("p"),
                "media_type": .string("text/yaml"), "size": .int(3), "extra": .bool(true),
            ]),
        ])
        let reference = try CanonicalJSON.decode([ManifestEntry].self, from: CanonicalJSON.bytes(plain))
        #expect(try ManifestEntry.list(from: plain) == reference)
        #expect(reference[1].voxelDigest == nil)
        let odd: JSONValue = .array([.object(["digest": .string("nope"), "kind": .string("scan")])])
        #expect(throws: (any Error).self) { try ManifestEntry.list(from: odd) }
    }

    /// All runs at once (ports in two queries) equal the runs read one by one.
    @Test func batchedRunsMatchSingleReads() throws {
        let f = try ArchiveFixture()
        let first = try RunRecordTests.record(f)
        try f.archive.recordRun(first)
        let second = try RunRecordTests.record(f, outputText: "other features")
        let extra = try f.archive.put(bytes: Array("second input".utf8), kind: .clinical)
        let secondRun = try RunRecord(
            kind: "model", executor: "lasso", executorVersion: "2.0",
            inputs: [
                .init(role: "table", digest: extra.digest), .init(role: "features", digest: second.outputs[0].digest),
            ],
            params: nil, outputs: [], environment: .object([:]), agent: "tester",
            startedAt: "2026-01-01T00:00:00.000Z", endedAt: "2026-01-01T00:00:01.000Z")
        try f.archive.recordRun(secondRun)
        let all = try f.archive.runs()
        #expect(all == [first, secondRun])
        #expect(try all.compactMap { try f.archive.run(id: $0.id) } == all)
        #expect(all[1].inputs.map(\.role) == ["table", "features"])
    }

    /// The canonical fast path of `Digest(parsing:)` and the general path agree.
    @Test(arguments: [
        "sha256:" + String(repeating: "ab", count: 32), String(repeating: "0f", count: 32),
        String(repeating: "AB", count: 32), "sha256:" + String(repeating: "Cd", count: 32),
    ])
    func digestParsingIsCaseInsensitive(text: String) throws {
        let digest = try Digest(parsing: text)
        #expect(digest.hex == text.replacingOccurrences(of: "sha256:", with: "").lowercased())
        #expect(throws: RadVaultError.self) { try Digest(parsing: String(text.dropLast())) }
    }
}

/// The audit hash written key by key is the digest of the canonical JSON object.
@Suite struct AuditHashBytesTests {
    @Test(arguments: ["plain", "quote \" backslash \\ tab \t newline \n", "ünïcödé ✓", "\u{01}\u{1F}", ""])
    func hashIsTheCanonicalObjectDigest(text: String) {
        let payload = Digest.of(Array(text.utf8))
        let previous = Digest.of([1, 2, 3])
        let reference = CanonicalJSON.digest(
            .object([
                "seq": .int(42), "time": .string(text), "agent": .string(text + "a"), "action": .string("x." + text),
                "payload_digest": .string(payload.description), "prev_hash": .string(previous.description),
            ]))
        let hash = AuditEntry.computeHash(
            seq: 42, time: text, agent: text + "a", action: "x." + text, payloadDigest: payload, prevHash: previous)
        #expect(hash == reference)
    }
}
