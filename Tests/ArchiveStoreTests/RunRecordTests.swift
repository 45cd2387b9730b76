import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

@Suite struct RunRecordTests {
    static func record(_ f: ArchiveFixture, outputText: String = "features") throws -> RunRecord {
        let scan = try f.archive.put(bytes: [1, 2], kind: .scan, subject: "P1", image: ArchiveFixture.grid([2, 2, 2]))
        let params = try f.archive.put(bytes: Array("{\"bin\":25}".utf8), kind: .params)
        let out = try f.archive.put(bytes: Array(outputText.utf8), kind: .features)
        return try RunRecord(
            kind: "extract", executor: "radiomics", executorVersion: "1.0",
            inputs: [.init(role: "image", digest: scan.digest)], params: params.digest,
            outputs: [.init(role: "features", digest: out.digest)], environment: .object(["os": .string("linux")]),
            agent: "tester", startedAt: "2026-01-01T00:00:00.000Z", endedAt: "2026-01-01T00:00:01.000Z")
    }

    @Test func identityIsTheSpecificationDigest() throws {
        let f = try ArchiveFixture()
        let run = try Self.record(f)
        let spec = try RunRecord.specification(
            kind: "extract", executor: "radiomics", executorVersion: "1.0", inputs: run.inputs, params: run.params)
        #expect(run.id == CanonicalJSON.digest(spec))
        #expect(CanonicalJSON.string(spec).hasPrefix("{\"executor\":\"radiomics\",\"executor_version\":\"1.0\""))
        var other = run
        other.outputs = []
        other.agent = "someone else"
        #expect(other.id == run.id)
    }

    @Test func recordFindAndRoundTrip() throws {
        let f = try ArchiveFixture()
        let run = try Self.record(f)
        try f.archive.recordRun(run)
        try f.archive.recordRun(run)
        #expect(try f.archive.runs() == [run])
        #expect(try f.archive.findRun(specDigest: run.id) == run)
        #expect(try f.archive.run(id: Digest.of([UInt8]())) == nil)
        #expect(try f.archive.auditEntries().filter { $0.action == "run.record" }.count == 1)
        let decoded = try CanonicalJSON.decode(RunRecord.self, from: CanonicalJSON.bytes(run))
        #expect(decoded == run)
        #expect(try f.archive.verify().isEmpty)
    }

    @Test func differentOutputsForTheSameSpecificationAreRejected() throws {
        let f = try ArchiveFixture()
        let run = try Self.record(f)
        try f.archive.recordRun(run)
        var changed = run
        let other = try f.archive.put(bytes: Array("other".utf8), kind: .features)
        changed.outputs = [.init(role: "features", digest: other.digest)]
        #expect {
            try f.archive.recordRun(changed)
        } throws: { error in
            (error as? RadVaultError)?.code == .alreadyExists && "\(error)".contains("already recorded with outputs")
        }
    }

    @Test func unknownInputAndDuplicateRolesAreRejected() throws {
        let f = try ArchiveFixture()
        let ghost = Digest.of(Array("ghost".utf8))
        let run = try RunRecord(
            kind: "model", executor: "m", executorVersion: "1", inputs: [.init(role: "table", digest: ghost)],
            params: nil, outputs: [], environment: .null, agent: "a", startedAt: "t0", endedAt: "t1")
        #expect {
            try f.archive.recordRun(run)
        } throws: { error in
            "\(error)".hasPrefix("run table \(ghost): no such artifact in the catalog")
        }
        #expect(try f.archive.runs().isEmpty)
        #expect {
            _ = try RunRecord(
                kind: "model", executor: "m", executorVersion: "1",
                inputs: [.init(role: "x", digest: ghost), .init(role: "x", digest: ghost)], params: nil, outputs: [],
                environment: .null, agent: "a", startedAt: "t0", endedAt: "t1")
        } throws: { error in "\(error)".contains("input role 'x' appears twice") }
    }
}
