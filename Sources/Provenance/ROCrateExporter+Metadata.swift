import Foundation
import RadVaultCore

extension ROCrateExporter {
    /// The `ro-crate-metadata.json` document.
    public static func metadata(_ graph: ProvenanceGraph, metadataOnly: Bool) -> JSONValue {
        let byDigest = Dictionary(graph.artifacts.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
        let ext = Dictionary(
            graph.artifacts.map { ($0.digest, fileExtension($0.mediaType)) }, uniquingKeysWith: { a, _ in a })
        let fid: (Digest) -> String = { d in metadataOnly ? "urn:sha256:" + d.hex : "data/" + d.hex + (ext[d] ?? "") }
        var nodes = crateNodes(graph, files: graph.allDigests.map(fid))
        nodes += workflowNodes(graph)
        nodes += actions(graph, fid: fid, ref: ref, refs: refs)
        for d in graph.allDigests { nodes.append(fileNode(d, byDigest[d], id: fid(d))) }
        let sorted = nodes.sorted { ($0["@id"]?.stringValue ?? "") < ($1["@id"]?.stringValue ?? "") }
        return .object(["@context": context, "@graph": .array(sorted)])
    }

    static func ref(_ id: String) -> JSONValue { .object(["@id": .string(id)]) }
    static func refs(_ ids: [String]) -> JSONValue { .array(ids.map(ref)) }

    /// The metadata descriptor, the root dataset, the profiles and the licence.
    static func crateNodes(_ graph: ProvenanceGraph, files: [String]) -> [JSONValue] {
        var nodes: [JSONValue] = [
            .object([
                "@id": .string("ro-crate-metadata.json"), "@type": .string("CreativeWork"), "about": ref("./"),
                "conformsTo": refs(["https://w3id.org/ro/crate/1.1", workflowROCrate]),
            ]),
            .object([
                "@id": .string("./"), "@type": .string("Dataset"), "name": .string("RadVault study \(graph.studyName)"),
                "description": .string("Artifacts and runs of a RadVault archive, with SHA-256 checksums."),
                "datePublished": .string(
                    graph.runs.last?.ended ?? graph.artifacts.last?.created ?? "1970-01-01T00:00:00Z"),
                "license": ref("https://creativecommons.org/licenses/by/4.0/"),
                "conformsTo": refs([processProfile, workflowProfile, provenanceProfile, workflowROCrate]),
                "mainEntity": ref(workflowFile), "hasPart": refs([workflowFile] + files),
                "mentions": refs(["#study-run"] + graph.runs.map { "#run-" + $0.idHex }),
            ]),
            .object([
                "@id": .string("https://creativecommons.org/licenses/by/4.0/"), "@type": .string("CreativeWork"),
                "name": .string("CC BY 4.0"),
            ]),
        ]
        for (id, name) in [
            (processProfile, "Process Run Crate"), (workflowProfile, "Workflow Run Crate"),
            (provenanceProfile, "Provenance Run Crate"), (workflowROCrate, "Workflow RO-Crate"),
        ] {
            let version = id.split(separator: "/").last.map(String.init) ?? ""
            nodes.append(
                .object([
                    "@id": .string(id), "@type": .string("CreativeWork"), "name": .string(name),
                    "version": .string(version),
                ]))
        }
        return nodes
    }

    /// The workflow file, its steps and tools, RadVault itself and the people who ran steps.
    static func workflowNodes(_ graph: ProvenanceGraph) -> [JSONValue] {
        let stepList = steps(graph)
        var nodes: [JSONValue] = [
            .object([
                "@id": .string(workflowFile),
                // HowTo: a workflow that lists `step`s MUST have it (Provenance Run Crate 0.5).
                "@type": .array(
                    ["File", "SoftwareSourceCode", "ComputationalWorkflow", "HowTo"].map(JSONValue.string)),
                "name": .string("RadVault study workflow"), "encodingFormat": .string("application/json"),
                "programmingLanguage": ref("#radvault-language"),
                "hasPart": refs(stepList.map(\.toolID)), "step": refs(stepList.map(\.stepID)),
            ]),
            .object([
                "@id": .string("#radvault-language"), "@type": .string("ComputerLanguage"),
                "name": .string("RadVault executors"), "url": ref(PROVJSONExporter.namespace),
                "version": .string(graph.toolVersion),
            ]),
            .object([
                "@id": .string("#radvault"), "@type": .string("SoftwareApplication"), "name": .string("RadVault"),
                "softwareVersion": .string(graph.toolVersion),
            ]),
        ]
        for (i, s) in stepList.enumerated() {
            nodes.append(
                .object([
                    "@id": .string(s.stepID), "@type": .string("HowToStep"), "position": .string(String(i)),
                    "name": .string(s.kind), "workExample": ref(s.toolID),
                ]))
            nodes.append(
                .object([
                    "@id": .string(s.toolID), "@type": .string("SoftwareApplication"), "name": .string(s.name),
                    "softwareVersion": .string(s.version),
                ]))
        }
        for u in graph.agents {
            nodes.append(.object(["@id": .string(personID(u)), "@type": .string("Person"), "name": .string(u)]))
        }
        return nodes
    }

    static func personID(_ name: String) -> String { "#person-" + PROVJSONExporter.sanitize(name) }

    static func fileNode(_ d: Digest, _ a: ProvenanceArtifact?, id: String) -> JSONValue {
        var o: [String: JSONValue] = ["@id": .string(id), "@type": .string("File"), "sha256": .string(d.hex)]
        if let a {
            o["name"] = .string(a.label ?? "\(a.kind) \(d.short)")
            o["contentSize"] = .string(String(a.size))
            o["encodingFormat"] = .string(a.mediaType)
            o["dateCreated"] = .string(a.created)
            o["additionalType"] = .string(a.kind)
        }
        return .object(o)
    }

    /// A CreateAction's `description` (Process Run Crate 0.5: SHOULD, "details of the execution"):
    /// the executor and the recorded environment fingerprint, which explains an `equivalent` replay.
    static func description(_ r: ProvenanceRun) -> String {
        var text = "\(r.executorName) \(r.executorVersion), run \(r.id)"
        if let env = r.environment { text += "; environment " + CanonicalJSON.string(env) }
        return text
    }

    /// The per-run CreateAction and ControlAction, the workflow CreateAction and the OrganizeAction.
    static func actions(
        _ graph: ProvenanceGraph, fid: (Digest) -> String, ref: (String) -> JSONValue, refs: ([String]) -> JSONValue
    ) -> [JSONValue] {
        var nodes: [JSONValue] = []
        var generated = Set<Digest>()
        for r in graph.runs { for e in r.generatedEntities { generated.insert(e.digest) } }
        var external = Set<Digest>()
        for r in graph.runs {
            let runStep = Self.step(of: r)
            let id = "#run-" + r.idHex
            for e in r.usedEntities where !generated.contains(e.digest) { external.insert(e.digest) }
            nodes.append(
                .object([
                    "@id": .string(id), "@type": .string("CreateAction"),
                    "name": .string("\(r.kind) run \(r.idHex.prefix(12))"), "instrument": ref(runStep.toolID),
                    "object": refs(r.usedEntities.map { fid($0.digest) }),
                    "result": refs(r.generatedEntities.map { fid($0.digest) }),
                    "startTime": .string(r.started), "endTime": .string(r.ended), "agent": ref(personID(r.agent)),
                    "actionStatus": ref("http://schema.org/CompletedActionStatus"),
                    "identifier": .string(r.id), "description": .string(description(r)),
                ]))
            nodes.append(
                .object([
                    "@id": .string("#control-" + r.idHex), "@type": .string("ControlAction"),
                    "name": .string("orchestrate \(r.kind) run \(r.idHex.prefix(12))"),
                    "instrument": ref(runStep.stepID), "object": ref(id),
                ]))
        }
        let outputs = generated.sorted().map(fid)
        nodes.append(
            .object([
                "@id": .string("#study-run"), "@type": .string("CreateAction"),
                "name": .string("RadVault study \(graph.studyName)"), "instrument": ref(workflowFile),
                "object": refs(external.sorted().map(fid)), "result": refs(outputs),
                "startTime": .string(graph.runs.map(\.started).min() ?? ""),
                "endTime": .string(graph.runs.map(\.ended).max() ?? ""),
                "agent": graph.agents.first.map { ref(personID($0)) } ?? ref("#radvault"),
            ]))
        nodes.append(
            .object([
                "@id": .string("#radvault-orchestration"), "@type": .string("OrganizeAction"),
                "name": .string("RadVault orchestration"), "instrument": ref("#radvault"),
                "object": refs(graph.runs.map { "#control-" + $0.idHex }), "result": ref("#study-run"),
            ]))
        return nodes
    }
}
