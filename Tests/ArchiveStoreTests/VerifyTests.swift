import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct VerifyTests {
    static func blobPath(_ f: ArchiveFixture, _ digest: Digest) -> String { f.archive.objects.location(of: digest) }

    @Test func missingBlob() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("x".utf8), kind: .result)
        try FileManager.default.removeItem(atPath: Self.blobPath(f, a.digest))
        let problems = try f.archive.verify()
        #expect(problems.map(\.kind) == ["missing-blob"])
        #expect(problems.first?.object == a.digest.description)
    }

    @Test func changedByte() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("abc".utf8), kind: .result)
        let path = Self.blobPath(f, a.digest)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try Data("abd".utf8).write(to: URL(fileURLWithPath: path))
        let problems = try f.archive.verify()
        #expect(problems.map(\.kind) == ["digest-mismatch"])
        #expect(problems.first?.detail.hasPrefix("blob bytes hash to \(Digest.of(Array("abd".utf8)))") == true)
    }

    @Test func catalogRowWithoutBlob() throws {
        let f = try ArchiveFixture()
        let ghost = Digest.of(Array("never stored".utf8))
        let artifact = Artifact(
            digest: ghost, kind: .report, mediaType: "text/html", size: 12, createdAt: ISOTime.now(), subject: nil,
            name: "r", metadata: .object([:]), image: nil)
        _ = try f.archive.catalog.insertArtifact(
            artifact,
            audit: AuditIntent(
                agent: "t", action: "artifact.add", payload: .object(["digest": .string(ghost.description)])))
        let problems = try f.archive.verify()
        #expect(problems.map(\.kind) == ["missing-blob"])
        #expect(problems.first?.detail.contains("catalog row (report r) has no blob") == true)
    }

    @Test func blobWithoutRow() throws {
        let f = try ArchiveFixture()
        let stored = try f.archive.objects.write(bytes: Array("stray".utf8))
        let problems = try f.archive.verify()
        #expect(
            problems == [
                Problem(
                    kind: "orphan-blob", object: stored.digest.description,
                    detail: "blob at \(Self.blobPath(f, stored.digest)) has no catalog row")
            ])
    }

    @Test func manifestDisagreeingWithCatalog() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("t".utf8), kind: .genes)
        try f.archive.commit(message: "one")
        try #require(f.sqliteCatalog).executeUnaudited(
            "UPDATE artifact SET kind = 'clinical' WHERE digest = '\(a.digest)'")
        let problems = try f.archive.verify()
        #expect(problems.map(\.kind) == ["manifest-mismatch"])
        #expect(problems.first?.detail.contains("lists genes of (cohort) size 1, catalog has clinical") == true)
    }

    @Test func brokenAuditChain() throws {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: Array("a".utf8), kind: .result)
        try f.archive.put(bytes: Array("b".utf8), kind: .result)
        let catalog = try #require(f.sqliteCatalog)
        try catalog.executeUnaudited("UPDATE audit SET agent = 'mallory' WHERE seq = 2")
        var problems = try f.archive.verify()
        #expect(problems.map(\.object) == ["audit seq 2"])
        #expect(problems.first?.detail.hasPrefix("hash ") == true)
        try catalog.executeUnaudited("DELETE FROM audit WHERE seq = 2")
        problems = try f.archive.verify()
        #expect(problems.contains { $0.object == "audit seq 3" && $0.detail.contains("an entry is missing") })
        #expect(problems.contains { $0.detail == "catalog row has no artifact.add audit entry" })
    }

    @Test func cleanArchiveVerifiesClean() throws {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: [1], kind: .scan, subject: "P", image: ArchiveFixture.grid([1, 1, 1]))
        try f.archive.commit(message: "m")
        #expect(try f.archive.verify() == [])
    }
}
