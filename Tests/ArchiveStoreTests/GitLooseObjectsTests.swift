import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

/// `verify` reads the manifests' loose git objects itself (`GitLooseObjects`): it must read what
/// libgit2 reads, and give up (so that libgit2 decides) on anything it is not sure of.
@Suite struct GitLooseObjectsTests {
    /// An archive with two manifest commits (cohort and two subjects, the second changing one).
    static func twoCommits() throws -> (ArchiveFixture, first: String, second: String) {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: [1], kind: .scan, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]))
        try f.archive.put(bytes: Array("age\n1\n".utf8), kind: .clinical, name: "clinical.csv")
        let first = try f.archive.commit(message: "v1", tag: "v1").commit
        try f.archive.put(bytes: [2], kind: .scan, subject: "P2", image: ArchiveFixture.grid([3, 3, 3]))
        let second = try f.archive.commit(message: "v2").commit
        return (f, first, second)
    }

    static func loose(_ f: ArchiveFixture) -> GitLooseObjects {
        GitLooseObjects(workingFolder: f.archive.manifestsPath)
    }

    /// The loose object file of `id`.
    static func objectFile(_ f: ArchiveFixture, _ id: String) -> URL {
        URL(fileURLWithPath: f.archive.manifestsPath).appendingPathComponent(
            ".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
    }

    static func givesUp(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch is GitLooseObjects.Unsupported {
            return true
        } catch {
            return false
        }
    }

    @Test func readsWhatLibgit2Reads() throws {
        let (f, first, second) = try Self.twoCommits()
        let loose = Self.loose(f)
        let repository = try f.archive.manifests()
        #expect(try loose.head() == second)
        #expect(try repository.head() == second)
        for commit in [first, second] {
            try loose.requireCommit(commit)
            let files = try loose.files(atCommit: commit)
            #expect(files == (try repository.files(at: commit)))
            #expect(files.keys.contains("cohort.json") && files.keys.contains("subjects/P1.json"))
        }
        #expect(try loose.files(atCommit: second).keys.contains("subjects/P2.json"))
        #expect(!(try loose.files(atCommit: first).keys.contains("subjects/P2.json")))
        let fast = try Archive.looseHistory(loose, commits: [first, second])
        let slow = try Archive.libgit2History(repository, commits: [first, second])
        #expect(fast.missingCommits == slow.missingCommits && fast.head?.id == slow.head?.id)
        #expect(fast.head?.files == slow.head?.files)
        #expect(try f.archive.verify().isEmpty)
    }

    @Test func aRepositoryWithoutCommitsHasNoHead() throws {
        let f = try ArchiveFixture()
        #expect(try Self.loose(f).head() == nil)
        #expect(try f.archive.manifests().head() == nil)
        #expect(try f.archive.verify().isEmpty)
    }

    @Test func givesUpOnWhatItCannotBeSureOf() throws {
        let (f, first, second) = try Self.twoCommits()
        let loose = Self.loose(f)
        let tree = try #require(
            String(decoding: try loose.object(second, type: "commit").body, as: UTF8.self)
                .split(separator: "\n").first?.dropFirst(5))
        // Not a commit, not a full id, not an object at all.
        #expect(Self.givesUp { try loose.requireCommit(String(tree)) })
        #expect(Self.givesUp { try loose.requireCommit(String(first.prefix(12))) })
        #expect(Self.givesUp { try loose.requireCommit(first.uppercased()) })
        #expect(Self.givesUp { try loose.requireCommit(String(repeating: "0", count: 40)) })
        // A damaged object: one byte of its zlib stream changed, then the stream cut short.
        let file = Self.objectFile(f, first)
        var bytes = try [UInt8](Data(contentsOf: file))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: file)
        #expect(Self.givesUp { try loose.requireCommit(first) })
        try Data(bytes.prefix(bytes.count / 2)).write(to: file)
        #expect(Self.givesUp { try loose.requireCommit(first) })
        // A ref that may be packed: the loose ref gone, a packed-refs file present.
        let git = URL(fileURLWithPath: f.archive.manifestsPath).appendingPathComponent(".git")
        let head = try String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
        let branch = git.appendingPathComponent(String(head.dropFirst(5)).trimmingCharacters(in: .newlines))
        try FileManager.default.removeItem(at: branch)
        try Data("# pack-refs with: peeled fully-peeled sorted\n\(second) refs/heads/master\n".utf8).write(
            to: git.appendingPathComponent("packed-refs"))
        #expect(Self.givesUp { _ = try loose.head() })
        // A detached HEAD is read as the id it holds.
        try Data("\(second)\n".utf8).write(to: git.appendingPathComponent("HEAD"))
        #expect(try loose.head() == second)
    }

    /// Where the loose reader gives up, `verify` reports what libgit2 reports.
    @Test func verifyFallsBackToLibgit2() throws {
        let (f, first, _) = try Self.twoCommits()
        // The first commit's object removed: libgit2 cannot resolve it either.
        try FileManager.default.removeItem(at: Self.objectFile(f, first))
        #expect(Self.givesUp { try Self.loose(f).requireCommit(first) })
        let problems = try f.archive.verify()
        #expect(problems.map(\.kind) == ["manifest-mismatch"])
        #expect(problems.first?.object == "commit \(first)")
    }
}
