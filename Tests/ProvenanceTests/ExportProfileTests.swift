import Foundation
import Provenance
import RadVaultCore
import Testing

/// The exports against the published profiles: the RO-Crate workflow is a `HowTo` whose step
/// positions follow the data flow and whose checksums have a defined JSON-LD term; the PROV
/// software agent is the RadVault version that recorded each run.
struct ExportProfileTests {
    /// A study whose data flow is not alphabetical: extract → cohort-features → model → score →
    /// radiogenomics, recorded by two RadVault versions.
    static func pipeline() -> ProvenanceGraph {
        func d(_ s: String) -> Digest { Digest.of(string: s) }
        func run(
            _ kind: String, _ inputs: [String: Digest], _ outputs: [String: Digest], _ minute: Int, tool: String
        ) -> ProvenanceRun {
            ProvenanceRun(
                id: d("run \(kind)").description, kind: kind, executorName: "radvault-\(kind)", executorVersion: "1",
                inputs: inputs, params: nil, outputs: outputs, started: "2026-11-28T04:0\(minute):00Z",
                ended: "2026-11-28T04:0\(minute):30Z", agent: "alice",
                environment: .object(["tool_version": .string(tool)]))
        }
        let runs = [
            run("extract", ["scan": d("scan"), "mask": d("mask")], ["features": d("features")], 1, tool: "0.0.9"),
            run("cohort-features", ["P1": d("features")], ["table": d("table")], 2, tool: "0.1.0"),
            run("model", ["features": d("table")], ["model": d("model")], 3, tool: "0.1.0"),
            run("score", ["model": d("model"), "features": d("table")], ["scores": d("scores")], 4, tool: "0.1.0"),
            run(
                "radiogenomics", ["genes": d("genes"), "scores": d("scores")], ["decisions": d("dec")], 5, tool: "0.1.0"
            ),
        ]
        return ProvenanceGraph(artifacts: [], runs: runs, studyName: "flow", toolVersion: "9.9.9")
    }

    @Test func stepPositionsFollowTheDataFlow() throws {
        let doc = ROCrateExporter.metadata(Self.pipeline(), metadataOnly: true)
        let nodes = doc["@graph"]?.arrayValue ?? []
        var position: [String: Int] = [:]
        for n in nodes where n["@type"] == .string("HowToStep") {
            position[n["name"]?.stringValue ?? ""] = Int(n["position"]?.stringValue ?? "")
        }
        #expect(position.count == 5)
        for (before, after) in [
            ("extract", "cohort-features"), ("cohort-features", "model"), ("model", "score"),
            ("score", "radiogenomics"),
        ] {
            let a = try #require(position[before])
            let b = try #require(position[after])
            #expect(a < b, "\(before) must come before \(after): \(position)")
        }
        let steps = ROCrateExporter.workflowDescription(Self.pipeline())["steps"]?.arrayValue ?? []
        #expect(
            steps.compactMap { $0["kind"]?.stringValue } == [
                "extract", "cohort-features", "model", "score", "radiogenomics",
            ])
    }

    @Test func workflowWithStepsIsAHowToAndChecksumsHaveAContext() throws {
        let doc = ROCrateExporter.metadata(Self.pipeline(), metadataOnly: true)
        let workflow = try #require(
            doc["@graph"]?.arrayValue?.first { $0["@id"] == .string(ROCrateExporter.workflowFile) })
        #expect(workflow["step"]?.arrayValue?.count == 5)
        let types = Set(workflow["@type"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(types == ["File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo"])
        // `sha256` is a workflow-run term, not an RO-Crate 1.1 one: it must be defined in @context.
        let context = doc["@context"]?.arrayValue ?? []
        #expect(context.first == .string("https://w3id.org/ro/crate/1.1/context"))
        #expect(
            context.dropFirst().contains { $0["sha256"] == .string("https://w3id.org/ro/terms/workflow-run#sha256") })
    }

    @Test func provSoftwareAgentIsTheVersionThatRecordedEachRun() throws {
        let graph = Self.pipeline()
        let doc = PROVJSONExporter.document(graph)
        let agents = try #require(doc["agent"]?.objectValue)
        let old = PROVJSONExporter.softwareID("0.0.9")
        let new = PROVJSONExporter.softwareID("0.1.0")
        #expect(Set(agents.keys) == [old, new, PROVJSONExporter.userID("alice")])
        #expect(agents[old]?["radvault:version"] == .string("0.0.9"))
        let extract = try #require(graph.runs.first { $0.kind == "extract" })
        let associated = doc["wasAssociatedWith"]?.objectValue?.values.filter {
            $0["prov:activity"] == .string(PROVJSONExporter.activityID(extract))
        }
        let agentsOfExtract = Set(associated?.compactMap { $0["prov:agent"]?.stringValue } ?? [])
        #expect(agentsOfExtract == [old, PROVJSONExporter.userID("alice")])
        let delegates = Set(
            doc["actedOnBehalfOf"]?.objectValue?.values.compactMap { $0["prov:delegate"]?.stringValue } ?? [])
        #expect(delegates == [old, new])
    }
}
