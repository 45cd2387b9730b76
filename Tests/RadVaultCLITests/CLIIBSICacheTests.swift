import ArchiveStore
import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `radvault ibsi check` through the run cache: a known check prints the recorded run, `--force`
/// re-executes, and both keep the shape of a fresh run.
@Suite struct CLIIBSICacheTests {
    /// The number of the archive's run rows and of its audit entries.
    static func counts(_ f: CLIFixture) throws -> [Int] {
        let archive = try Archive.open(at: f.archive.path, agent: "tester", readOnly: true)
        return [try archive.runs().count, try archive.auditEntries().count]
    }

    /// A JSON report without the run-cache keys.
    static func withoutRun(_ value: JSONValue) -> [String: JSONValue] {
        var object = value.objectValue ?? [:]
        object["run"] = nil
        object["cached"] = nil
        return object
    }

    @Test func aKnownCheckIsACacheHitAndForceReExecutes() throws {
        let f = try CLIFixture()
        let fresh = try f.run(["ibsi", "check"])
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let recorded = try Self.counts(f)
        #expect(recorded.first == 1)
        let run = try #require(try Archive.open(at: f.archive.path, agent: "tester", readOnly: true).runs().first)
        #expect(run.kind == "ibsi-check" && run.params != nil)

        // The same check again: the recorded run, nothing executed or recorded.
        let cachedJSON = try f.run(["ibsi", "check", "--json"])
        #expect(cachedJSON.status == 0, "\(cachedJSON.stderr)")
        let hit = try CLIFixture.json(cachedJSON.stdout)
        #expect(hit["cached"] == .bool(true))
        #expect(hit["run"] == .string(run.id.description))
        #expect(hit["matched"] == .int(1803) && hit["total"] == .int(1803))
        let cachedText = try f.run(["ibsi", "check"])
        #expect(cachedText.status == 0, "\(cachedText.stderr)")
        let freshLines = fresh.stdout.split(separator: "\n")
        let cachedLines = cachedText.stdout.split(separator: "\n")
        #expect(freshLines.first == "run \(run.id.short)")
        #expect(cachedLines.first == "run \(run.id.short) (cached: the recorded run)")
        #expect(Array(freshLines.dropFirst()) == Array(cachedLines.dropFirst()))
        #expect(try Self.counts(f) == recorded)

        // --force re-executes; the same outputs re-record nothing (as `model --force`).
        let forced = try f.run(["ibsi", "check", "--force", "--json"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let again = try CLIFixture.json(forced.stdout)
        #expect(again["cached"] == .bool(false))
        #expect(again["run"] == .string(run.id.description))
        #expect(Self.withoutRun(again) == Self.withoutRun(hit))
        #expect(Set((again.objectValue ?? [:]).keys) == Set((hit.objectValue ?? [:]).keys))
        #expect(try Self.counts(f) == recorded)

        // Replay re-executes the recorded check from its params.
        let replay = try f.run(["replay", "--all", "--json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try CLIFixture.json(replay.stdout)["verdict"] == .string("identical"))
    }

    @Test func withoutAnArchiveTheCheckRunsUnrecorded() throws {
        let folder = try TestSupport.temporaryDirectory("radvault-ibsi")
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try TestSupport.radvault(["ibsi", "check", "--json"], cwd: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try CLIFixture.json(r.stdout)
        #expect(report["run"] == .null)
        #expect(report["cached"] == .bool(false))
        #expect(report["matched"] == .int(1803) && report["total"] == .int(1803))
    }
}
