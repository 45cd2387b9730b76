import Foundation
import RadVaultCore
import RadVaultTestSupport
import Replay
import Testing

/// A recorded study built in memory: one toy run whose recorded output the test may replace.
struct Study {
    var blobs = InMemoryBlobSource()
    var run: RecordedRun

    init(features: [String: Double], factor: Double = 2, recordedFeatures: [String: Double]? = nil) {
        let table = Data(CanonicalJSON.bytes(.object(["features": .object(features.mapValues { .number($0) })])))
        let params = Data(CanonicalJSON.bytes(.object(["factor": .number(factor)])))
        var recordedScaled = features.mapValues { $0 * factor }
        if let recordedFeatures { recordedScaled = recordedFeatures }
        let output = Data(CanonicalJSON.bytes(ToyExecutor.output(recordedScaled, 1)))
        let t = blobs.put(table)
        let p = blobs.put(params)
        let o = blobs.put(output)
        run = RecordedRun(
            id: "sha256:" + String(repeating: "ab", count: 32), kind: "toy", executorName: "radvault-toy",
            executorVersion: "1.0", inputs: ["features": t], params: p, outputs: ["scaled": o])
    }

    func replay(_ registry: ExecutorRegistry = ExecutorRegistry([ToyExecutor()])) throws -> RunReplay {
        let scratch = try TestSupport.temporaryDirectory("replay-scratch")
        defer { try? FileManager.default.removeItem(at: scratch) }
        return Replayer(registry: registry, blobs: blobs, scratchRoot: scratch).replay(run)
    }
}

struct ReplayerTests {
    static let features = ["glcm_joint_max": 0.25, "firstorder_mean": 0.75, "shape_volume": 3.0]

    @Test func identicalWhenOutputBytesMatch() throws {
        let r = try Study(features: Self.features).replay()
        #expect(r.verdict == .identical)
        #expect(r.maxDeviation == 0)
        #expect(r.differences.isEmpty)
        #expect(r.verdict.exitStatus == 0)
    }

    @Test func equivalentReportsLargestDeviationAndItsPath() throws {
        var recorded = Self.features.mapValues { $0 * 2 }
        recorded["shape_volume"] = 6.0 + 3e-9  // relative drift 5e-10 < 1e-9
        recorded["firstorder_mean"] = 1.5 + 1e-10
        let r = try Study(features: Self.features, recordedFeatures: recorded).replay()
        #expect(r.verdict == .equivalent)
        let within = try #require(r.differences.first { $0.kind == .withinTolerance })
        #expect(within.path == "features.shape_volume")
        #expect(abs((r.maxDeviation ?? 0) - 3e-9) < 1e-15)
        #expect(r.verdict.exitStatus == 0)
    }

    @Test func differentNamesChangedFeaturesLargestFirst() throws {
        var recorded = Self.features.mapValues { $0 * 2 }
        recorded["glcm_joint_max"] = 0.5 + 0.01
        recorded["shape_volume"] = 6.5
        let r = try Study(features: Self.features, recordedFeatures: recorded).replay()
        #expect(r.verdict == .different)
        #expect(r.verdict.exitStatus == 1)
        let values = r.differences.filter { $0.kind == .value }
        #expect(values.map(\.path).prefix(2) == ["features.shape_volume", "features.glcm_joint_max"])
        #expect(values.first?.recorded?.doubleValue == 6.5)
        #expect(values.first?.replayed?.doubleValue == 6.0)
        #expect(r.maxDeviation == 0.5)
    }

    @Test func unknownExecutorVersionIsUnreplayable() throws {
        var study = Study(features: Self.features)
        study.run.executorVersion = "0.9"
        let r = try study.replay()
        #expect(r.verdict == .unreplayable)
        #expect(r.verdict.exitStatus == 2)
        #expect(r.maxDeviation == nil)
        #expect(r.differences.map(\.kind) == [.executorUnknown])
        #expect(
            r.differences.first?.detail
                == "no executor for kind 'toy' version '0.9' (recorded by 'radvault-toy'); "
                + "this build has version(s) 1.0"
        )
    }

    @Test func anotherExecutorWithTheSameKindAndVersionIsUnreplayable() throws {
        var study = Study(features: Self.features)
        study.run.executorName = "someone-elses-toy"
        let r = try study.replay()
        #expect(r.verdict == .unreplayable)
        #expect(r.differences.map(\.kind) == [.executorUnknown])
        #expect(
            r.differences.first?.detail
                == "executor 'someone-elses-toy' version '1.0' (kind 'toy') is unknown to this build; its executor "
                + "for that kind and version is 'radvault-toy'")
    }

    @Test func missingInputIsUnreplayableNamingIt() throws {
        var study = Study(features: Self.features)
        let input = try #require(study.run.inputs["features"])
        study.blobs.blobs[input] = nil
        let r = try study.replay()
        #expect(r.verdict == .unreplayable)
        #expect(r.differences.first?.kind == .inputMissing)
        #expect(r.differences.first?.output == "features")
        #expect(r.differences.first?.path == input.description)
    }

    @Test func corruptInputIsUnreplayable() throws {
        var study = Study(features: Self.features)
        let input = try #require(study.run.inputs["features"])
        study.blobs.blobs[input] = Data("{\"features\":{}}".utf8)
        let r = try study.replay()
        #expect(r.verdict == .unreplayable)
        #expect(r.differences.first?.kind == .inputCorrupt)
        #expect(r.differences.first?.detail.contains("expected \(input)") == true)
    }

    @Test func discreteChoicesThatMovedAreReportedWithDistance() throws {
        // Recorded: 'firstorder_mean' scaled to 1.2 (selected, blue); the replay gives 0.98 (not selected, grey).
        let features = ["firstorder_mean": 0.49, "shape_volume": 3.0]
        var recorded = features.mapValues { $0 * 2 }
        recorded["firstorder_mean"] = 1.2
        let r = try Study(features: features, recordedFeatures: recorded).replay()
        let decisions = r.differences.compactMap(\.decision)
        let selected = try #require(decisions.first { $0.rule == "selected" })
        #expect(selected.item == "firstorder_mean")
        #expect(selected.change == .left)
        #expect(selected.recordedScore == 1.2)
        #expect(selected.replayedScore == 0.98)
        #expect(abs((selected.distance ?? 0) - 0.02) < 1e-12)
        let module = try #require(decisions.first { $0.rule == "module" })
        #expect(module.change == .relabelled)
        #expect(module.recordedLabel == .string("blue"))
        #expect(module.replayedLabel == .string("grey"))
        let q = try #require(decisions.first { $0.rule == "q_significant" })
        #expect(q.change == .left)
        #expect(q.threshold == 0.5)
        #expect(!decisions.contains { $0.item == "shape_volume" })
    }

    @Test func reportJSONHasTheDocumentedShapeAndIsDeterministic() throws {
        var recorded = Self.features.mapValues { $0 * 2 }
        recorded["glcm_joint_max"] = 0.7
        let study = Study(features: Self.features, recordedFeatures: recorded)
        let a = ReplayReport(runs: [try study.replay(), try Study(features: Self.features).replay()])
        let b = ReplayReport(runs: [try study.replay(), try Study(features: Self.features).replay()])
        #expect(CanonicalJSON.bytes(a.json) == CanonicalJSON.bytes(b.json))
        let json = a.json
        #expect(json.objectValue.map { Set($0.keys) } == ["verdict", "runs"])
        #expect(json["verdict"] == .string("different"))
        let run = try #require(json["runs"]?.arrayValue?.first?.objectValue)
        #expect(Set(run.keys) == ["run", "kind", "verdict", "max_deviation", "differences"])
        #expect(run["kind"] == .string("toy"))
        let first = try #require(run["differences"]?.arrayValue?.first)
        #expect(first["type"] == .string("value"))
        #expect(first["path"] == .string("features.glcm_joint_max"))
        #expect(a.exitStatus == 1)
    }

    @Test func studyVerdictIsTheWorstRun() {
        #expect(Verdict.aggregate([.identical, .equivalent]) == .equivalent)
        #expect(Verdict.aggregate([.different, .unreplayable, .identical]) == .unreplayable)
        #expect(Verdict.aggregate([]) == .identical)
        #expect(Verdict.allCases.map(\.exitStatus) == [0, 0, 1, 2])
    }

    @Test func registryRefusesDuplicatesAndPicksLatest() throws {
        var registry = ExecutorRegistry([ToyExecutor()])
        var v2 = ToyExecutor()
        v2.version = "1.10"
        try registry.register(v2)
        #expect(registry.latest(kind: "toy")?.version == "1.10")
        let e = #expect(throws: RadVaultError.self) { try registry.register(ToyExecutor()) }
        #expect(e?.message == "executor registry: kind 'toy' version '1.0' is already registered (by 'radvault-toy')")
    }
}
