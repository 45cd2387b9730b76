import ArchiveStore
import Foundation
import RadVaultCore
import RadVaultTestSupport
import Replay
import Testing

/// Which runs `radvault replay` picks: nothing to replay is an error, `--rev` means the runs of
/// that revision, and a run named twice is replayed once.
struct ReplaySelectionTests {
    static let registry = ArchiveReplayTests.registry

    @Test func replayingAnArchiveWithoutRunsIsAnErrorNotIdentical() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Archive.create(at: dir.appendingPathComponent("empty").path, agent: "alice")
        let e = #expect(throws: RadVaultError.self) {
            try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry)
        }
        #expect(e?.code == .notFound)
        #expect(
            e?.message
                == "replay --all: the archive at \(archive.root.path) has no recorded runs; expected at least one "
                + "(record runs with extract, model, radiogenomics or ibsi check)")
        #expect(try archive.auditEntries().allSatisfy { $0.action != "replay" })
    }

    @Test func revisionSelectsOnlyTheRunsCommittedAtIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, first) = try ArchiveReplayTests.makeArchive(dir.appendingPathComponent("a"))
        // After the tag, a run of the same input and params (another executor name, so another
        // spec) whose output was never committed at v1: not one of v1's runs.
        let input = try #require(first.inputs.first)
        let output = try archive.put(
            bytes: CanonicalJSON.bytes(ToyExecutor.output(["glcm_joint_max": 0.5, "firstorder_mean": 9], 1)),
            kind: .result, subject: "P1", name: "later.json")
        let later = try archive.recordRun(
            RunRecord(
                kind: "toy", executor: "radvault-toy-later", executorVersion: "1.0", inputs: [input],
                params: first.params, outputs: [.init(role: "scaled", digest: output.digest)],
                environment: .object([:]), agent: "alice", startedAt: "2026-11-28T05:00:00Z",
                endedAt: "2026-11-28T05:00:01Z"))
        let atV1 = try ArchiveReplay.replay(archive, selection: .revision("v1"), registry: Self.registry)
        #expect(atV1.runs.map(\.run) == [first.id.description])
        try archive.commit(message: "second run", tag: "v2")
        let atV2 = try ArchiveReplay.replay(archive, selection: .revision("v2"), registry: Self.registry)
        #expect(atV2.runs.map(\.run) == [first.id.description, later.id.description])
    }

    @Test func revisionWithoutRunsIsAnError() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try Archive.create(at: dir.appendingPathComponent("a").path, agent: "alice")
        _ = try archive.put(
            bytes: CanonicalJSON.bytes(.object(["factor": .number(2)])), kind: .params, name: "toy.json")
        try archive.commit(message: "params only", tag: "v0")
        let e = #expect(throws: RadVaultError.self) {
            try ArchiveReplay.replay(archive, selection: .revision("v0"), registry: Self.registry)
        }
        #expect(
            e?.message
                == "replay --rev v0: no recorded run has its inputs, params and outputs in the manifests at this "
                + "revision; expected at least one run committed at this revision")
        #expect(throws: RadVaultError.self) {
            try ArchiveReplay.replay(archive, selection: .revision("no-such-tag"), registry: Self.registry)
        }
    }

    @Test func theReplayAuditEntryCarriesThisMachinesFingerprint() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, _) = try ArchiveReplayTests.makeArchive(dir.appendingPathComponent("a"))
        _ = try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry, jobs: 2, blasThreads: 3)
        let entry = try #require(try archive.auditEntries().last)
        #expect(entry.action == "replay")
        let payload = try CanonicalJSON.parse(Array(entry.payload.utf8))
        #expect(payload["jobs"] == .int(2))
        #expect(payload["blas_threads"] == .int(3))
        let environment = try #require(payload["environment"])
        #expect(environment["tool_version"] == .string(RadVaultVersion.string))
        #expect(environment["jobs"] == .int(2))
        #expect(environment["os"]?.stringValue?.isEmpty == false)
        #expect(environment["blas_library"] != nil)
    }

    @Test func aRunNamedTwiceIsReplayedOnce() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, run) = try ArchiveReplayTests.makeArchive(dir.appendingPathComponent("a"))
        let report = try ArchiveReplay.replay(
            archive, selection: .runs([run.id.description, String(run.id.hex.prefix(8))]), registry: Self.registry)
        #expect(report.runs.map(\.run) == [run.id.description])
    }
}

/// A replay only reads the archive: recorded outputs, catalog and objects are unchanged, and its
/// scratch folders are gone afterwards, whatever the verdict.
struct ReplayLeavesTheArchiveAloneTests {
    static func snapshot(_ archive: Archive) throws -> [String] {
        let objects = archive.root.appendingPathComponent("objects")
        let files =
            FileManager.default.enumerator(at: objects, includingPropertiesForKeys: nil)?
            .compactMap { ($0 as? URL)?.path.replacingOccurrences(of: objects.path, with: "") } ?? []
        let runs = try archive.runs().map { CanonicalJSON.string(try CanonicalJSON.jsonValue($0)) }
        let artifacts = try archive.artifacts().map { "\($0.digest) \($0.name)" }
        return files.sorted() + runs + artifacts.sorted()
    }

    @Test func replayReadsOnlyAndRemovesItsScratch() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, run) = try ArchiveReplayTests.makeArchive(dir.appendingPathComponent("a")) {
            $0["glcm_joint_max"] = 0.75
        }
        let before = try Self.snapshot(archive)
        let recorded = try #require(run.outputs.first?.digest)
        let bytes = try archive.read(recorded)
        let report = try ArchiveReplay.replay(archive, selection: .all, registry: ArchiveReplayTests.registry, jobs: 2)
        #expect(report.verdict == .different)
        #expect(try archive.read(recorded) == bytes)
        #expect(try Self.snapshot(archive) == before)
        let tmp = archive.root.appendingPathComponent("objects/tmp")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
        #expect(left.filter { $0.hasPrefix("replay-") }.isEmpty, "\(left)")
    }
}
