import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct ManifestTests {
    @Test func commitLogAndDiffPerSubject() throws {
        let f = try ArchiveFixture()
        let a = f.archive
        let scan = try a.put(bytes: [1], kind: .scan, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]), name: "ct")
        let mask1 = try a.put(
            bytes: [2], kind: .mask, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]), name: "gtv")
        try a.put(bytes: Array("age\n1\n".utf8), kind: .clinical, name: "clinical.csv")
        let first = try a.commit(message: "cohort v1", tag: "v1")
        #expect(first.tags == ["v1"])
        let mask2 = try a.put(
            bytes: [3], kind: .mask, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]), name: "gtv")
        let scan2 = try a.put(
            bytes: [4], kind: .scan, subject: "P2", image: ArchiveFixture.grid([3, 3, 3]), name: "ct")
        let second = try a.commit(message: "cohort v2")
        let log = try a.log()
        #expect(log.map(\.commit) == [second.commit, first.commit])
        #expect(log.map(\.message) == ["cohort v2", "cohort v1"])
        #expect(log[1].tags == ["v1"] && log[0].author == "tester")
        let diff = try a.diff("v1", "HEAD")
        #expect(diff.subjects.map(\.subject) == ["P1", "P2"])
        #expect(diff.subjects[0].changed == [.init(old: ManifestEntry(mask1), new: ManifestEntry(mask2))])
        #expect(diff.subjects[0].added.isEmpty && diff.subjects[0].removed.isEmpty)
        #expect(diff.subjects[1].added.map(\.digest) == [scan2.digest])
        #expect(try a.diff("HEAD", "v1").subjects[1].removed.map(\.digest) == [scan2.digest])
        #expect(try a.diff(first.commit, first.commit).isEmpty)
        _ = scan
        #expect(try a.verify().isEmpty)
    }

    @Test func manifestFilesAreCanonicalAndListByDigestAndKind() throws {
        let f = try ArchiveFixture()
        let scan = try f.archive.put(bytes: [1], kind: .scan, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]))
        try f.archive.commit(message: "one")
        let text = try String(
            contentsOf: f.archive.root.appendingPathComponent("manifests/subjects/P1.json"), encoding: .utf8)
        #expect(text.contains("\"digest\": \"\(scan.digest)\""))
        #expect(text.contains("\"kind\": \"scan\""))
        let cohort = try CanonicalJSON.parse(
            Data(contentsOf: f.archive.root.appendingPathComponent("manifests/cohort.json")))
        #expect(cohort["subjects"] == .array([.string("P1")]))
    }

    @Test func nothingToCommitAndBadRevisionsAreErrors() throws {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: [1], kind: .result)
        try f.archive.commit(message: "one")
        #expect {
            try f.archive.commit(message: "again")
        } throws: { error in "\(error)".hasPrefix("manifests: nothing to commit") }
        #expect {
            try f.archive.commit(message: "  ")
        } throws: { error in "\(error)" == "commit message: empty, expected -m MESSAGE" }
        #expect {
            try f.archive.diff("v9", "HEAD")
        } throws: { error in "\(error)".contains("revision 'v9': expected a commit id, tag or HEAD~N") }
    }

    @Test func gitSeesTheSameHistory() throws {
        let git = URL(fileURLWithPath: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: git.path) else { return }
        let f = try ArchiveFixture(agent: "lab")
        try f.archive.put(bytes: [1], kind: .result)
        try f.archive.commit(message: "first", tag: "v1")
        try f.archive.put(bytes: [2], kind: .result)
        try f.archive.commit(message: "second")
        let manifests = f.archive.root.appendingPathComponent("manifests").path
        let log = try TestSupport.run(git, ["-C", manifests, "log", "--format=%H %an <%ae> %s"])
        #expect(log.status == 0)
        let expected = try f.archive.log().map { "\($0.commit) lab <lab@radvault> \($0.message)" }
        #expect(log.stdout.split(separator: "\n").map(String.init) == expected)
        let status = try TestSupport.run(git, ["-C", manifests, "status", "--porcelain"])
        #expect(status.stdout.isEmpty)
        let tags = try TestSupport.run(git, ["-C", manifests, "tag"])
        #expect(tags.stdout == "v1\n")
    }
}
