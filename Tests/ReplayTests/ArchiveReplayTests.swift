import ArchiveStore
import Foundation
import RadVaultCore
import RadVaultTestSupport
import Replay
import Testing

/// The reviewer's path on a real archive, with the toy executor standing in for extraction.
struct ArchiveReplayTests {
    static let registry = ExecutorRegistry([ToyExecutor()])

    /// An archive with one toy run; `tamper` edits the recorded output's features before storing.
    static func makeArchive(_ root: URL, tamper: (inout [String: Double]) -> Void = { _ in }) throws
        -> (Archive, RunRecord)
    {
        let archive = try Archive.create(at: root.path, agent: "alice")
        let features = ["glcm_joint_max": 0.25, "firstorder_mean": 0.75]
        let table = CanonicalJSON.bytes(.object(["features": .object(features.mapValues { .number($0) })]))
        let params = CanonicalJSON.bytes(.object(["factor": .number(2)]))
        let input = try archive.put(bytes: table, kind: .features, subject: "P1", name: "input.json")
        let p = try archive.put(bytes: params, kind: .params, name: "toy.json")
        var scaled = features.mapValues { $0 * 2 }
        tamper(&scaled)
        let output = try archive.put(
            bytes: CanonicalJSON.bytes(ToyExecutor.output(scaled, 1)), kind: .result, subject: "P1", name: "scaled.json"
        )
        let run = try archive.recordRun(
            RunRecord(
                kind: "toy", executor: "radvault-toy", executorVersion: "1.0",
                inputs: [.init(role: "features", digest: input.digest)], params: p.digest,
                outputs: [.init(role: "scaled", digest: output.digest)], environment: .object([:]), agent: "alice",
                startedAt: "2026-11-28T04:00:00Z", endedAt: "2026-11-28T04:00:01Z"))
        try archive.commit(message: "study v1", tag: "v1")
        return (archive, run)
    }

    @Test func bundleOpenedElsewhereReplaysIdentically() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, run) = try Self.makeArchive(dir.appendingPathComponent("lab"))
        let key = Signing.generateKey()
        let bundle = dir.appendingPathComponent("study.rvb")
        try archive.createBundle(at: bundle, revision: "v1", signingKey: key)
        let (opened, contents) = try Archive.openBundle(
            bundle, into: dir.appendingPathComponent("reviewer"), trust: key.publicKey, agent: "reviewer")
        #expect(contents.verified)
        #expect(try opened.verify().isEmpty)
        let report = try ArchiveReplay.replay(opened, selection: .all, registry: Self.registry)
        #expect(report.verdict == .identical)
        #expect(report.runs.map(\.run) == [run.id.description])
        #expect(try opened.auditEntries().last?.action == "replay")
        let byRevision = try ArchiveReplay.replay(opened, selection: .revision("v1"), registry: Self.registry)
        #expect(byRevision.runs.count == 1)
        let byPrefix = try ArchiveReplay.replay(
            opened, selection: .runs([String(run.id.hex.prefix(10))]), registry: Self.registry)
        #expect(byPrefix.verdict == .identical)
    }

    @Test func craftedOutputIsDifferentNamingTheFeature() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, _) = try Self.makeArchive(dir.appendingPathComponent("a")) { $0["firstorder_mean"] = 1.6 }
        let report = try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry)
        #expect(report.verdict == .different)
        #expect(report.exitStatus == 1)
        let first = try #require(report.runs.first?.differences.first { $0.kind == .value })
        #expect(first.path == "features.firstorder_mean")
    }

    @Test func deletedInputBlobIsUnreplayableNamingIt() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, run) = try Self.makeArchive(dir.appendingPathComponent("a"))
        let input = try #require(run.inputs.first?.digest)
        try FileManager.default.removeItem(at: archive.root.appendingPathComponent(BundleIndex.objectPath(input)))
        let report = try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry)
        #expect(report.verdict == .unreplayable)
        #expect(report.exitStatus == 2)
        let problem = try #require(report.runs.first?.differences.first)
        #expect(problem.kind == .inputMissing)
        #expect(problem.path == input.description)
    }

    @Test func replayIsDeterministicAcrossRepeats() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, _) = try Self.makeArchive(dir.appendingPathComponent("a")) { $0["glcm_joint_max"] = 0.51 }
        let a = try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry)
        let b = try ArchiveReplay.replay(archive, selection: .all, registry: Self.registry)
        #expect(CanonicalJSON.bytes(a.json) == CanonicalJSON.bytes(b.json))
        #expect(a.runs.first?.replayedOutputs == b.runs.first?.replayedOutputs)
    }

    @Test func unknownRunIdIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (archive, _) = try Self.makeArchive(dir.appendingPathComponent("a"))
        let e = #expect(throws: RadVaultError.self) {
            try ArchiveReplay.replay(archive, selection: .runs(["deadbeefdead"]), registry: Self.registry)
        }
        #expect(e?.message == "run 'deadbeefdead': no recorded run has this id")
    }
}
