import Foundation
import Provenance
import RadVaultCore
import RadVaultTestSupport
import Testing

struct ROCrateExporterTests {
    func node(_ doc: JSONValue, _ id: String) -> JSONValue? {
        doc["@graph"]?.arrayValue?.first { $0["@id"] == .string(id) }
    }

    func ids(_ v: JSONValue?) -> [String] { v?.arrayValue?.compactMap { $0["@id"]?.stringValue } ?? [] }

    @Test func metadataFollowsTheRunCrateProfiles() throws {
        let doc = ROCrateExporter.metadata(SampleGraph.graph(), metadataOnly: false)
        #expect(
            doc["@context"]
                == .array([
                    .string("https://w3id.org/ro/crate/1.1/context"),
                    .object(["sha256": .string("https://w3id.org/ro/terms/workflow-run#sha256")]),
                ]))
        let descriptor = try #require(node(doc, "ro-crate-metadata.json"))
        #expect(ids(descriptor["conformsTo"]).contains("https://w3id.org/ro/crate/1.1"))
        let root = try #require(node(doc, "./"))
        #expect(
            Set(ids(root["conformsTo"])).isSuperset(of: [
                ROCrateExporter.processProfile, ROCrateExporter.workflowProfile, ROCrateExporter.provenanceProfile,
            ]))
        #expect(root["mainEntity"]?["@id"] == .string(ROCrateExporter.workflowFile))
        let workflow = try #require(node(doc, ROCrateExporter.workflowFile))
        #expect(workflow["@type"]?.arrayValue?.contains(.string("ComputationalWorkflow")) == true)
        #expect(ids(workflow["step"]).count == 2)
        for profile in ids(root["conformsTo"]) { #expect(node(doc, profile) != nil) }
    }

    @Test func oneCreateActionPerRunWithInstrumentObjectResult() throws {
        let graph = SampleGraph.graph()
        let doc = ROCrateExporter.metadata(graph, metadataOnly: false)
        let actions = doc["@graph"]?.arrayValue?.filter { $0["@type"] == .string("CreateAction") } ?? []
        #expect(actions.count == 3)  // two runs and the study-level action
        let extractID = "#run-" + Digest.of(string: "run extract").hex
        let extract = try #require(node(doc, extractID))
        let tool = try #require(extract["instrument"]?["@id"]?.stringValue)
        #expect(node(doc, tool)?["softwareVersion"] == .string("1.0"))
        let scanFile = ROCrateExporter.fileID(SampleGraph.scan, graph: graph, metadataOnly: false)
        #expect(ids(extract["object"]).contains(scanFile))
        #expect(
            ids(extract["result"]) == [ROCrateExporter.fileID(SampleGraph.features, graph: graph, metadataOnly: false)])
        #expect(extract["startTime"] == .string("2026-11-28T04:01:00Z"))
        #expect(
            extract["description"]
                == .string(
                    "radvault-extract 1.0, run \(Digest.of(string: "run extract")); environment {\"os\":\"Debian 12\"}")
        )
        let file = try #require(node(doc, scanFile))
        #expect(file["@type"] == .string("File"))
        #expect(file["sha256"] == .string(SampleGraph.scan.hex))
        #expect(scanFile.hasSuffix(".nii.gz"))
        let control = doc["@graph"]?.arrayValue?.filter { $0["@type"] == .string("ControlAction") } ?? []
        #expect(control.count == 2)
        #expect(node(doc, "#radvault-orchestration")?["@type"] == .string("OrganizeAction"))
        // Every referenced id exists in the graph.
        let all = Set(doc["@graph"]?.arrayValue?.compactMap { $0["@id"]?.stringValue } ?? [])
        for a in actions { for id in ids(a["object"]) + ids(a["result"]) { #expect(all.contains(id), "\(id)") } }
    }

    @Test func writesDataOrReferencesOnly() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        for (d, text) in SampleGraph.blobs { try Data(text.utf8).write(to: store.appendingPathComponent(d.hex)) }
        let graph = SampleGraph.graph()
        let full = dir.appendingPathComponent("crate")
        try ROCrateExporter.write(graph, to: full, metadataOnly: false) { store.appendingPathComponent($0.hex) }
        let scanPath = full.appendingPathComponent(
            ROCrateExporter.fileID(SampleGraph.scan, graph: graph, metadataOnly: false))
        #expect(try Data(contentsOf: scanPath) == Data("scan bytes".utf8))
        #expect(FileManager.default.fileExists(atPath: full.appendingPathComponent(ROCrateExporter.workflowFile).path))

        let meta = dir.appendingPathComponent("meta")
        try ROCrateExporter.write(graph, to: meta, metadataOnly: true) { _ in
            throw RadVaultError.internalError("must not read objects")
        }
        let doc = try CanonicalJSON.parse(Data(contentsOf: meta.appendingPathComponent("ro-crate-metadata.json")))
        #expect(node(doc, "urn:sha256:" + SampleGraph.scan.hex)?["sha256"] == .string(SampleGraph.scan.hex))
        #expect(!FileManager.default.fileExists(atPath: meta.appendingPathComponent("data").path))
        let again = #expect(throws: RadVaultError.self) {
            try ROCrateExporter.write(graph, to: meta, metadataOnly: true) { store.appendingPathComponent($0.hex) }
        }
        #expect(again?.message == "crate directory '\(meta.path)': exists and is not empty")
    }

    @Test func metadataIsDeterministic() {
        let a = CanonicalJSON.bytes(ROCrateExporter.metadata(SampleGraph.graph(), metadataOnly: true))
        let b = CanonicalJSON.bytes(ROCrateExporter.metadata(SampleGraph.graph(), metadataOnly: true))
        #expect(a == b)
    }
}

/// Writes the sample study's exports to `$RADVAULT_EXPORT_SAMPLES` when set, so that
/// `scripts/ci/validate_exports.sh` can check a document with runs using Python `prov` and
/// `rocrate` (the Swift tests themselves never run Python).
@Test func writeSampleExportsWhenAsked() throws {
    guard let out = ProcessInfo.processInfo.environment["RADVAULT_EXPORT_SAMPLES"] else { return }
    let dir = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let graph = SampleGraph.graph()
    try Data(PROVJSONExporter.bytes(graph)).write(to: dir.appendingPathComponent("sample.prov.json"))
    let store = dir.appendingPathComponent("store")
    try? FileManager.default.removeItem(at: store)
    try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
    for (d, text) in SampleGraph.blobs { try Data(text.utf8).write(to: store.appendingPathComponent(d.hex)) }
    for (name, metadataOnly) in [("sample-crate", false), ("sample-crate-meta", true)] {
        let crate = dir.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: crate)
        try ROCrateExporter.write(graph, to: crate, metadataOnly: metadataOnly) { store.appendingPathComponent($0.hex) }
    }
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("sample.prov.json").path))
}
