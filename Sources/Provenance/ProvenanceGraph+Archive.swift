import ArchiveStore
import Foundation
import RadVaultCore

extension ProvenanceGraph {
    /// The provenance graph of an archive: every catalogued artifact and every recorded run.
    public init(archive: Archive) throws {
        let artifacts = try archive.artifacts().map { a in
            ProvenanceArtifact(
                digest: a.digest, kind: a.kind.rawValue, mediaType: a.mediaType, size: a.size,
                created: a.createdAt, label: a.subject.map { "\($0)/\(a.name)" } ?? a.name)
        }
        let runs = try archive.runs().map(ProvenanceRun.init(record:))
        self.init(artifacts: artifacts, runs: runs, studyName: archive.root.lastPathComponent)
    }
}

extension ProvenanceRun {
    /// The provenance view of a catalogued run.
    public init(record r: RunRecord) {
        self.init(
            id: r.id.description, kind: r.kind, executorName: r.executor, executorVersion: r.executorVersion,
            inputs: Dictionary(r.inputs.map { ($0.role, $0.digest) }, uniquingKeysWith: { a, _ in a }),
            params: r.params,
            outputs: Dictionary(r.outputs.map { ($0.role, $0.digest) }, uniquingKeysWith: { a, _ in a }),
            started: r.startedAt, ended: r.endedAt, agent: r.agent, environment: r.environment)
    }
}
