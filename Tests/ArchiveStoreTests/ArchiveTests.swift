import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct ArchiveTests {
    @Test func putFileRecordsArtifactAndAudit() throws {
        let f = try ArchiveFixture()
        let path = try f.file("params.yaml", "bin_width: 25\n")
        let artifact = try f.archive.put(file: path, kind: .params)
        #expect(artifact.digest == Digest.of(Array("bin_width: 25\n".utf8)))
        #expect(artifact.mediaType == "application/yaml")
        #expect(artifact.name == "params.yaml")
        #expect(try f.archive.read(artifact.digest) == Data("bin_width: 25\n".utf8))
        let audit = try f.archive.auditEntries()
        #expect(audit.map(\.action) == ["archive.init", "artifact.add"])
        #expect(audit[1].agent == "tester")
        #expect(audit[1].prevHash == audit[0].hash)
        #expect(try f.archive.verify().isEmpty)
    }

    @Test func sameFileTwiceGivesOneObjectAndOneRow() throws {
        let f = try ArchiveFixture()
        let path = try f.file("clinical.csv", "id,age\nA,50\n")
        let first = try f.archive.put(file: path, kind: .clinical)
        let second = try f.archive.put(file: path, kind: .clinical)
        #expect(first == second)
        #expect(try f.archive.artifacts().count == 1)
        #expect(try f.archive.objects.allDigests() == [first.digest])
        #expect(try f.archive.auditEntries().count == 2)
    }

    @Test func sameBytesAsAnotherKindIsRejected() throws {
        let f = try ArchiveFixture()
        let path = try f.file("t.csv", "a,b\n1,2\n")
        let stored = try f.archive.put(file: path, kind: .clinical)
        #expect {
            try f.archive.put(file: path, kind: .genes)
        } throws: { error in
            "\(error)" == "\(path): these bytes are already stored as clinical \(stored.digest), "
                + "expected new bytes for a genes"
        }
    }

    @Test func emptyFileIsRejected() throws {
        let f = try ArchiveFixture()
        let path = try f.file("empty.csv", "")
        #expect {
            try f.archive.put(file: path, kind: .clinical)
        } throws: { error in
            "\(error)" == "\(path): empty file, expected the bytes of a clinical"
        }
        #expect(try f.archive.artifacts().isEmpty)
    }

    @Test func scanNeedsASafeSubject() throws {
        let f = try ArchiveFixture()
        #expect {
            try f.archive.put(bytes: [1, 2, 3], kind: .scan, image: ArchiveFixture.grid([2, 2, 2]))
        } throws: { error in "\(error)".contains("a scan needs a subject, expected --subject ID") }
        #expect {
            try f.archive.put(bytes: [1], kind: .clinical, subject: "../etc")
        } throws: { error in "\(error)".hasPrefix("subject '../etc': expected 1–128 letters") }
    }

    @Test func maskOffItsScansGridIsRejectedWithBothGrids() throws {
        let f = try ArchiveFixture()
        let scan = try f.archive.put(
            bytes: [1, 2, 3], kind: .scan, subject: "P1", image: ArchiveFixture.grid([4, 4, 2]))
        #expect {
            try f.archive.put(bytes: [9], kind: .mask, subject: "P1", image: ArchiveFixture.grid([4, 4, 3]))
        } throws: { error in
            let text = "\(error)"
            return text.contains("mask is not on its scan's grid")
                && text.contains("mask: dimensions 4x4x3")
                && text.contains("scan \(scan.digest.short): dimensions 4x4x2")
        }
        #expect {
            try f.archive.put(
                bytes: [9], kind: .mask, subject: "P1", image: ArchiveFixture.grid([4, 4, 2], shift: 0.001))
        } throws: { error in "\(error)".contains("affine [[1, 0, 0, 0.001]") }
        let onGrid = try f.archive.put(
            bytes: [8], kind: .mask, subject: "P1", image: ArchiveFixture.grid([4, 4, 2], shift: 0.00005))
        #expect(onGrid.metadata["scan"]?.stringValue == scan.digest.description)
        #expect(try f.archive.artifacts(kind: .mask).count == 1)
    }

    @Test func maskWithoutScanIsRejected() throws {
        let f = try ArchiveFixture()
        #expect {
            try f.archive.put(bytes: [9], kind: .mask, subject: "P2", image: ArchiveFixture.grid([2, 2, 2]))
        } throws: { error in
            "\(error)" == "<mask bytes>: subject P2 has no scan, expected the scan added first (or --scan DIGEST)"
        }
    }

    @Test func digestPrefixLookup() throws {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("alpha".utf8), kind: .result)
        #expect(try f.archive.artifact(String(a.digest.hex.prefix(8))) == a)
        #expect(try f.archive.artifact("sha256:" + a.digest.hex.prefix(10)) == a)
        #expect {
            try f.archive.artifact("0000000000")
        } throws: { error in
            (error as? RadVaultError)?.code == .notFound
                && "\(error)" == "digest '0000000000': no artifact in this archive starts with it"
        }
        #expect {
            try f.archive.artifact("abc")
        } throws: { error in "\(error)".contains("expected at least 8 hex digits") }
    }

    @Test func ambiguousPrefixListsTheCandidates() throws {
        let f = try ArchiveFixture()
        let catalog = try #require(f.sqliteCatalog)
        for tail in ["1", "2"] {
            let digest = try Digest(parsing: "abcdef01" + String(repeating: tail, count: 56))
            let artifact = Artifact(
                digest: digest, kind: .result, mediaType: "application/json", size: 1, createdAt: ISOTime.now(),
                subject: nil, name: tail, metadata: .object([:]), image: nil)
            _ = try catalog.insertArtifact(artifact, audit: AuditIntent(agent: "t", action: "test", payload: .null))
        }
        #expect {
            try f.archive.artifact("abcdef01")
        } throws: { error in
            "\(error)".hasPrefix("digest prefix 'abcdef01' is ambiguous: matches sha256:abcdef011111")
                && "\(error)".hasSuffix("expected more digits")
        }
    }

    @Test func discoverFollowsFlagEnvironmentThenParents() throws {
        let f = try ArchiveFixture()
        let root = f.archive.root.path
        let nested = f.archive.root.appendingPathComponent("objects/sha256").path
        #expect(try Archive.discover(explicit: root, environment: [:], cwd: "/").root.path == root)
        #expect(
            try Archive.discover(explicit: nil, environment: ["RADVAULT_ARCHIVE": root], cwd: "/").root.path == root)
        #expect(try Archive.discover(explicit: nil, environment: [:], cwd: nested).root.path == root)
        #expect {
            try Archive.discover(explicit: nil, environment: [:], cwd: f.folder.path)
        } throws: { error in
            "\(error)".hasPrefix("no RadVault archive found in \(f.folder.path) or any parent folder")
        }
        #expect {
            try Archive.discover(explicit: f.folder.path, environment: [:], cwd: "/")
        } throws: { error in "\(error)".contains("not a RadVault archive") }
        #expect {
            try Archive.create(at: root)
        } throws: { error in "\(error)" == "\(root): already a RadVault archive, expected a new folder" }
    }

    @Test func agentComesFromTheEnvironment() {
        #expect(Archive.defaultAgent(environment: ["RADVAULT_AGENT": "lab", "USER": "u"]) == "lab")
        #expect(Archive.defaultAgent(environment: ["USER": "u"]) == "u")
        #expect(Archive.defaultAgent(environment: [:]) == "unknown")
    }
}
