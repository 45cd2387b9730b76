import Foundation
import Provenance
import RadVaultCore

/// A two-run study (extract then model) used by the export tests.
enum SampleGraph {
    static let scan = Digest.of(string: "scan bytes")
    static let mask = Digest.of(string: "mask bytes")
    static let params = Digest.of(string: "params bytes")
    static let features = Digest.of(string: "features bytes")
    static let modelParams = Digest.of(string: "model params")
    static let model = Digest.of(string: "model bytes")

    static var blobs: [Digest: String] {
        [
            scan: "scan bytes", mask: "mask bytes", params: "params bytes", features: "features bytes",
            modelParams: "model params", model: "model bytes",
        ]
    }

    static func graph() -> ProvenanceGraph {
        let t = "2026-11-28T04:00:00Z"
        let artifacts = [
            ProvenanceArtifact(digest: scan, kind: "scan", mediaType: "application/x-nifti+gzip", size: 10, created: t),
            ProvenanceArtifact(digest: mask, kind: "mask", mediaType: "application/x-nifti+gzip", size: 10, created: t),
            ProvenanceArtifact(digest: params, kind: "params", mediaType: "application/json", size: 12, created: t),
            ProvenanceArtifact(digest: features, kind: "features", mediaType: "application/json", size: 14, created: t),
            ProvenanceArtifact(
                digest: modelParams, kind: "params", mediaType: "application/json", size: 12, created: t),
            ProvenanceArtifact(digest: model, kind: "model", mediaType: "application/json", size: 11, created: t),
        ]
        let extract = ProvenanceRun(
            id: Digest.of(string: "run extract").description, kind: "extract", executorName: "radvault-extract",
            executorVersion: "1.0", inputs: ["image": scan, "mask": mask], params: params,
            outputs: ["features": features], started: "2026-11-28T04:01:00Z", ended: "2026-11-28T04:02:00Z",
            agent: "alice", environment: .object(["os": .string("Debian 12")]))
        let fit = ProvenanceRun(
            id: Digest.of(string: "run model").description, kind: "model", executorName: "radvault-model",
            executorVersion: "1.0", inputs: ["features": features], params: modelParams,
            outputs: ["model": model], started: "2026-11-28T04:03:00Z", ended: "2026-11-28T04:04:00Z",
            agent: "alice")
        return ProvenanceGraph(artifacts: artifacts, runs: [fit, extract], studyName: "sts")
    }
}
