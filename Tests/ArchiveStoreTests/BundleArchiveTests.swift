import Foundation
import RadVaultCore
import Testing

@testable import ArchiveStore

/// Bundles of real archives: `--rev` cuts, and catalog or manifests content that would not
/// verify, crafted with the writer so every digest in the bundle is right.
struct BundleArchiveTests {
    /// An archive with `a` committed as v1 and `b` committed as v2 (HEAD).
    static func twoCommits() throws -> (ArchiveFixture, Artifact, Artifact) {
        let f = try ArchiveFixture()
        let a = try f.archive.put(bytes: Array("{\"a\":1}".utf8), kind: .params, name: "a.json")
        try f.archive.commit(message: "one", tag: "v1")
        let b = try f.archive.put(bytes: Array("{\"b\":22}".utf8), kind: .params, name: "b.json")
        try f.archive.commit(message: "two", tag: "v2")
        return (f, a, b)
    }

    @Test func aBundleOfAnEarlierRevisionOpensIntoAnArchiveThatVerifies() throws {
        let (f, a, _) = try Self.twoCommits()
        let bundle = f.folder.appendingPathComponent("v1.rvb")
        try f.archive.createBundle(at: bundle, revision: "v1")
        let contents = try BundleReader.inspect(bundle)
        #expect(!contents.index.entries.contains { $0.path.hasPrefix("manifests/.git/logs/") })
        #expect(!contents.index.entries.contains { $0.path == "manifests/.git/refs/tags/v2" })
        let (opened, _) = try Archive.openBundle(bundle, into: f.folder.appendingPathComponent("review"))
        #expect(try opened.verify().isEmpty)
        #expect(try opened.catalog.artifacts(kind: nil, subject: nil).map(\.digest) == [a.digest])
        #expect(try opened.log().map(\.tags) == [["v1"]])
        #expect(try opened.manifestCommits().map(\.message) == ["one"])
        // The working file is v1's, and the reviewer's archive can commit on top of it.
        let cohort = try Data(contentsOf: opened.root.appendingPathComponent("manifests/cohort.json"))
        #expect(Array(cohort) == Manifest.files(from: [a])["cohort.json"])
        try opened.put(bytes: Array("{\"c\":3}".utf8), kind: .params, name: "c.json")
        try opened.commit(message: "three")
        #expect(try opened.verify().isEmpty)
    }

    @Test func bundlesCarryNoGitConfigAndTheOpenedRepositoryGetsTheDefaultOne() throws {
        let (f, _, _) = try Self.twoCommits()
        let bundle = f.folder.appendingPathComponent("all.rvb")
        try f.archive.createBundle(at: bundle)
        let paths = try BundleReader.inspect(bundle).index.entries.map(\.path)
        #expect(!paths.contains("manifests/.git/config"))
        #expect(!paths.contains { $0.hasPrefix("manifests/.git/hooks/") })
        let (opened, _) = try Archive.openBundle(bundle, into: f.folder.appendingPathComponent("review"))
        let config = try String(
            contentsOf: opened.root.appendingPathComponent("manifests/.git/config"), encoding: .utf8)
        #expect(config == Archive.openedGitConfig)
        #expect(try opened.log().count == 2)
        #expect(try opened.verify().isEmpty)
    }

    /// Ways to make a bundle's catalog.json disagree with the rest of the bundle.
    enum CatalogLie: String, CaseIterable {
        case objectLeftOut, unknownCommit, committedArtifactDropped, orphanObject, wrongSize, escapingSubject
        case runFromAnUnknownInput
    }

    @Test(arguments: CatalogLie.allCases)
    func catalogContentThatWouldNotVerifyIsRefused(_ lie: CatalogLie) throws {
        let (f, a, b) = try Self.twoCommits()
        var export = CatalogExport(
            artifacts: try f.archive.catalog.artifacts(kind: nil, subject: nil), runs: [],
            manifestCommits: try f.archive.manifestCommits(), auditSize: 0, auditHead: nil)
        var objects = [a.digest, b.digest]
        let expected: String
        switch lie {
        case .objectLeftOut:
            objects = [a.digest]
            expected =
                "catalog.json lists artifact \(b.digest) (params b.json), but the bundle has no "
                + "\(BundleIndex.objectPath(b.digest)) entry"
        case .unknownCommit:
            let fake = String(repeating: "ab", count: 20)
            export.manifestCommits.append(
                ManifestCommit(commitID: fake, message: "forged", tag: nil, agent: "mallory", createdAt: "2026"))
            expected = "manifest-mismatch commit \(fake): recorded in the catalog but missing from manifests/"
        case .committedArtifactDropped:
            export.artifacts.removeAll { $0.digest == b.digest }
            objects = [a.digest]
            expected = "manifest-mismatch \(b.digest): listed in cohort.json at"
        case .orphanObject:
            export.artifacts.removeAll { $0.digest == b.digest }
            expected = "orphan-blob \(b.digest): blob at"
        case .wrongSize:
            export.artifacts[0].size += 1
            expected = "size-mismatch \(export.artifacts[0].digest): catalog.json says"
        case .runFromAnUnknownInput:
            let ghost = Digest.of(string: "never added")
            export.runs.append(
                try RunRecord(
                    kind: "toy", executor: "radvault-toy", executorVersion: "1",
                    inputs: [.init(role: "x", digest: ghost)],
                    params: nil, outputs: [.init(role: "y", digest: a.digest)], environment: .object([:]),
                    agent: "mallory", startedAt: "2026", endedAt: "2026"))
            expected = "run x \(ghost): no such artifact in the catalog"
        case .escapingSubject:
            export.artifacts[0].subject = "../../../evil"
            expected = "catalog.json artifact \(export.artifacts[0].digest): subject '../../../evil': expected"
        }
        let exportFile = f.folder.appendingPathComponent("catalog-export.json")
        try Data(try CanonicalJSON.bytes(export)).write(to: exportFile)
        let sources = try BundleWriter.sources(
            archiveRoot: f.archive.root, objects: objects,
            extra: [BundleWriter.Source(path: "catalog.json", file: exportFile)])
        let bundle = f.folder.appendingPathComponent("lie.rvb")
        try BundleWriter.write(sources, requiredObjects: objects, to: bundle)
        let dest = f.folder.appendingPathComponent("review")
        let e = #expect(throws: RadVaultError.self) { try Archive.openBundle(bundle, into: dest) }
        #expect(e?.description.contains(expected) == true, "\(e?.description ?? "no error")")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
        let left = try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted()
        #expect(left == ["archive", "catalog-export.json", "lie.rvb"])
    }

    @Test func aRefusedBundleLeavesAnEmptyDestinationAsItWas() throws {
        let (f, _, _) = try Self.twoCommits()
        let bundle = f.folder.appendingPathComponent("all.rvb")
        try f.archive.createBundle(at: bundle, signingKey: Signing.generateKey())
        let dest = f.folder.appendingPathComponent("review")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: false)
        #expect(throws: RadVaultError.self) {
            try Archive.openBundle(bundle, into: dest, trust: Signing.generateKey().publicKey)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.path) == [])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted() == [
                "all.rvb", "archive", "review",
            ])
        let (opened, _) = try Archive.openBundle(bundle, into: dest)
        #expect(try opened.verify().isEmpty)
    }
}

extension BundleArchiveTests {
    @Test func theCrafterNamesObjectsAsGitDoes() {
        // `printf 'blob 3\0hi\n' | sha1sum` and the empty string's SHA-1.
        #expect(
            GitObjectCrafter.hex(GitObjectCrafter.sha1(Array("blob 3\0hi\n".utf8)))
                == "45b983be36b73c0788dc9cbcb76cbb80fc7bb057")
        #expect(GitObjectCrafter.hex(GitObjectCrafter.sha1([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    }

    /// A HEAD tree with `..` entries: the next `commit` in the opened archive would delete
    /// `manifests/../../victim.txt`, a file outside the archive, while `verify` sees nothing
    /// wrong (manifest readers skip non-manifest names).
    @Test func aManifestsHeadThatEscapesTheFolderIsRefused() throws {
        let (f, _, _) = try Self.twoCommits()
        let git = f.archive.root.appendingPathComponent("manifests/.git")
        let crafter = GitObjectCrafter(gitFolder: git)
        let head = try #require(try f.archive.manifests().head())
        let cohort = try Data(contentsOf: f.archive.root.appendingPathComponent("manifests/cohort.json"))
        let victim = try crafter.tree([("100644", "victim.txt", try crafter.write("blob", Array("hi\n".utf8)))])
        let up = try crafter.tree([("40000", "..", victim)])
        let top = try crafter.tree([
            ("40000", "..", up), ("100644", "cohort.json", try crafter.write("blob", Array(cohort))),
        ])
        let commit = try crafter.write(
            "commit",
            Array("tree \(top)\nparent \(head)\nauthor m <m@x> 0 +0000\ncommitter m <m@x> 0 +0000\n\nevil\n".utf8))
        try Data((commit + "\n").utf8).write(to: git.appendingPathComponent("refs/heads/master"))
        #expect(try f.archive.manifests().files(at: commit).keys.contains("../../victim.txt"))
        #expect(try f.archive.verify().isEmpty)

        let bundle = f.folder.appendingPathComponent("evil.rvb")
        try f.archive.createBundle(at: bundle)
        let dest = f.folder.appendingPathComponent("review")
        let e = #expect(throws: RadVaultError.self) { try Archive.openBundle(bundle, into: dest) }
        #expect(
            e?.message.contains(
                "manifest-mismatch manifests/../../victim.txt: the HEAD tree holds a file other than cohort.json")
                == true,
            "\(e?.message ?? "no error")")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
    }
}

extension BundleArchiveTests {
    /// An archive never committed has a git folder without files under objects/ and refs/;
    /// the opened copy must still be a repository that `commit` can use.
    @Test func aBundleOfAnArchiveWithoutCommitsOpensAndCanCommit() throws {
        let f = try ArchiveFixture()
        try f.archive.put(bytes: Array("{\"a\":1}".utf8), kind: .params, name: "a.json")
        let bundle = f.folder.appendingPathComponent("new.rvb")
        try f.archive.createBundle(at: bundle)
        let (opened, _) = try Archive.openBundle(bundle, into: f.folder.appendingPathComponent("review"))
        #expect(try opened.verify().isEmpty)
        try opened.commit(message: "first")
        #expect(try opened.log().map(\.message) == ["first"])
        #expect(try opened.verify().isEmpty)
    }
}

extension BundleArchiveTests {
    /// A HEAD tree naming `../../victim.txt` (however it got there) makes `commit` refuse before
    /// it removes or writes anything, instead of deleting the file outside the archive.
    @Test func aCommitOnAHeadThatEscapesTheFolderDeletesNothing() throws {
        let (f, _, _) = try Self.twoCommits()
        let git = f.archive.root.appendingPathComponent("manifests/.git")
        let crafter = GitObjectCrafter(gitFolder: git)
        let head = try #require(try f.archive.manifests().head())
        let victimTree = try crafter.tree([("100644", "victim.txt", try crafter.write("blob", Array("hi\n".utf8)))])
        let top = try crafter.tree([("40000", "..", try crafter.tree([("40000", "..", victimTree)]))])
        let commit = try crafter.write(
            "commit",
            Array("tree \(top)\nparent \(head)\nauthor m <m@x> 0 +0000\ncommitter m <m@x> 0 +0000\n\nevil\n".utf8))
        try Data((commit + "\n").utf8).write(to: git.appendingPathComponent("refs/heads/master"))
        let victim = f.folder.appendingPathComponent("victim.txt")
        try Data("keep\n".utf8).write(to: victim)
        try f.archive.put(bytes: [9], kind: .result)
        let e = #expect(throws: RadVaultError.self) { try f.archive.commit(message: "next") }
        #expect(e?.message.contains("manifest path '../../victim.txt' leaves the manifests folder") == true)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep\n")
    }
}

extension BundleArchiveTests {
    /// A `--rev` bundle carries the git objects of that revision's history and none of later
    /// commits (whose manifests name later artifacts), and still opens into a repository whose
    /// history libgit2 reads in full.
    @Test func aRevisionBundleCarriesOnlyThatHistorysGitObjects() throws {
        let (f, _, b) = try Self.twoCommits()
        let repository = try f.archive.manifests()
        let v1 = try repository.resolve("v1")
        let v2 = try repository.resolve("v2")
        let bundle = f.folder.appendingPathComponent("v1.rvb")
        try f.archive.createBundle(at: bundle, revision: "v1")
        let prefix = "manifests/.git/objects/"
        let carried = Set(
            try BundleReader.inspect(bundle).index.entries.map(\.path).filter { $0.hasPrefix(prefix) }.map {
                $0.dropFirst(prefix.count).replacingOccurrences(of: "/", with: "")
            })
        let loose = GitLooseObjects(workingFolder: f.archive.manifestsPath)
        #expect(carried == (try loose.reachableObjects(fromCommit: v1)))
        #expect(!carried.contains(v2))
        let v2Only = try loose.reachableObjects(fromCommit: v2).subtracting(carried)
        #expect(v2Only.contains(v2) && v2Only.count >= 3, "v2's commit, tree and cohort.json stay behind")
        let (opened, _) = try Archive.openBundle(bundle, into: f.folder.appendingPathComponent("review"))
        #expect(try opened.log().map(\.commit) == [v1])
        #expect(try opened.verify().isEmpty)
        #expect(try opened.catalog.artifacts(kind: nil, subject: nil).allSatisfy { $0.digest != b.digest })
    }
}
