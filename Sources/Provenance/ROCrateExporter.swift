import Foundation
import RadVaultCore

/// Writes a study as an RO-Crate 1.1 following the Workflow Run Crate profiles
/// (https://www.researchobject.org/workflow-run-crate/, Process / Workflow / Provenance Run
/// Crate 0.5).
///
/// Layout of `ro-crate-metadata.json`:
/// - the root `Dataset` `./` conforms to the three run-crate profiles; `mainEntity` is the
///   study workflow `workflow/radvault-study.json` (types `File`, `SoftwareSourceCode`,
///   `ComputationalWorkflow`), a small JSON file naming the steps;
/// - one `HowToStep` per (run kind, executor version), each `workExample` a
///   `SoftwareApplication` tool (the executor, with `softwareVersion`);
/// - one `CreateAction` per run: `instrument` its tool, `object` its input and parameter files,
///   `result` its output files, `startTime`, `endTime`, `agent`;
/// - one `ControlAction` per run (`instrument` the step, `object` the CreateAction), an
///   `OrganizeAction` for RadVault itself, and a workflow-level `CreateAction`;
/// - every artifact a `File` with `sha256`, `contentSize` and `encodingFormat`.
/// With data included, files are copied to `data/<hex>[.ext]`; with `metadataOnly`, file ids
/// are `urn:sha256:<hex>` references (RO-Crate 1.1 "web-based data entities" by absolute URI).
public enum ROCrateExporter {
    public static let processProfile = "https://w3id.org/ro/wfrun/process/0.5"
    public static let workflowProfile = "https://w3id.org/ro/wfrun/workflow/0.5"
    public static let provenanceProfile = "https://w3id.org/ro/wfrun/provenance/0.5"
    public static let workflowROCrate = "https://w3id.org/workflowhub/workflow-ro-crate/1.0"
    public static let workflowFile = "workflow/radvault-study.json"
    /// The JSON-LD context: RO-Crate 1.1 plus the term `sha256`, which the 1.1 context lacks
    /// (without it a JSON-LD processor drops every checksum; rocrate-validator's RO-Crate 1.1
    /// check 3.1 refuses the key). The term is the workflow-run one (Process Run Crate 0.5),
    /// defined inline rather than by including `https://w3id.org/ro/terms/workflow-run/context`,
    /// which itself includes the 1.1 context (pyld then reports "recursive context inclusion").
    public static let sha256Term = "https://w3id.org/ro/terms/workflow-run#sha256"
    public static var context: JSONValue {
        .array([.string("https://w3id.org/ro/crate/1.1/context"), .object(["sha256": .string(sha256Term)])])
    }

    /// Writes the crate into `directory` (created; it must not exist or be empty).
    ///
    /// `objectURL` gives the stored file of a digest (used only when data is included); each
    /// copy is re-hashed, so the crate never states a checksum its file does not have. On any
    /// failure nothing is left behind in `directory`.
    public static func write(
        _ graph: ProvenanceGraph, to directory: URL, metadataOnly: Bool, objectURL: (Digest) throws -> URL
    ) throws {
        let existed = try checkTarget(directory)
        do {
            try writeContents(graph, to: directory, metadataOnly: metadataOnly, objectURL: objectURL)
        } catch {
            removeWritten(directory, keepFolder: existed)
            if let e = error as? RadVaultError { throw e }
            throw RadVaultError(
                .internal, "crate directory '\(directory.path)': cannot write the crate", cause: error)
        }
    }

    static func writeContents(
        _ graph: ProvenanceGraph, to directory: URL, metadataOnly: Bool, objectURL: (Digest) throws -> URL
    ) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: directory.appendingPathComponent("workflow"), withIntermediateDirectories: true)
        if !metadataOnly {
            try fm.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
            for d in graph.allDigests {
                let target = directory.appendingPathComponent(fileID(d, graph: graph, metadataOnly: false))
                try copyVerified(d, from: try objectURL(d), to: target)
            }
        }
        try Data(CanonicalJSON.string(workflowDescription(graph), pretty: true).utf8)
            .write(to: directory.appendingPathComponent(workflowFile))
        let meta = CanonicalJSON.string(metadata(graph, metadataOnly: metadataOnly), pretty: true) + "\n"
        try Data(meta.utf8).write(to: directory.appendingPathComponent("ro-crate-metadata.json"))
    }

    /// The crate-relative id (or `urn:sha256:` reference) of an artifact's file.
    public static func fileID(_ d: Digest, graph: ProvenanceGraph, metadataOnly: Bool) -> String {
        if metadataOnly { return "urn:sha256:" + d.hex }
        return "data/" + d.hex + fileExtension(graph.artifacts.first { $0.digest == d }?.mediaType)
    }

    static func fileExtension(_ mediaType: String?) -> String {
        switch mediaType ?? "" {
        case "application/json": return ".json"
        case "text/csv": return ".csv"
        case "text/tab-separated-values": return ".tsv"
        case "application/x-nifti+gzip", "application/gzip": return ".nii.gz"
        case "application/x-nifti": return ".nii"
        default: return ""
        }
    }

    /// The study workflow file: its steps (kind, executor, version), in a fixed order.
    public static func workflowDescription(_ graph: ProvenanceGraph) -> JSONValue {
        .object([
            "type": .string("radvault-study-workflow"), "study": .string(graph.studyName),
            "radvault_version": .string(graph.toolVersion),
            "steps": .array(
                steps(graph).map {
                    .object([
                        "kind": .string($0.kind), "executor": .string($0.name), "version": .string($0.version),
                    ])
                }),
        ])
    }

    struct Step: Hashable {
        var kind: String
        var name: String
        var version: String
        var stepID: String { "#step-\(kind)-\(version)" }
        var toolID: String { "#tool-\(name)-\(version)" }
    }

    /// The steps in an execution order: a step whose runs used another step's outputs comes after
    /// it (Provenance Run Crate 0.5, HowToStep `position`: "if S2 needs outputs from S1, S2's
    /// position MUST be greater than S1's"); independent steps by kind, name and version.
    static func steps(_ graph: ProvenanceGraph) -> [Step] {
        let all = Set(graph.runs.map(step(of:))).sorted {
            ($0.kind, $0.name, $0.version) < ($1.kind, $1.name, $1.version)
        }
        var producers: [Digest: Set<Step>] = [:]
        for r in graph.runs {
            for e in r.generatedEntities { producers[e.digest, default: []].insert(step(of: r)) }
        }
        var needs: [Step: Set<Step>] = [:]
        for r in graph.runs {
            let s = step(of: r)
            for e in r.usedEntities {
                for p in producers[e.digest] ?? [] where p != s { needs[s, default: []].insert(p) }
            }
        }
        var ordered: [Step] = []
        var placed = Set<Step>()
        while ordered.count < all.count {
            // A dependency cycle between steps has no valid order; it keeps the name order.
            let ready = all.first { !placed.contains($0) && (needs[$0] ?? []).isSubset(of: placed) }
            guard let next = ready ?? all.first(where: { !placed.contains($0) }) else { break }
            ordered.append(next)
            placed.insert(next)
        }
        return ordered
    }

    static func step(of run: ProvenanceRun) -> Step {
        Step(kind: run.kind, name: run.executorName, version: run.executorVersion)
    }
}
