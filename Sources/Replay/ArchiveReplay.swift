import ArchiveStore
import Foundation
import LinearAlgebra
import RadVaultCore

/// Reads blobs from an archive's object store for the replayer.
public struct ArchiveBlobSource: BlobSource {
    public let archive: Archive

    public init(_ archive: Archive) { self.archive = archive }

    public func bytes(of digest: Digest) throws -> Data { try archive.read(digest) }
}

extension RecordedRun {
    /// The replay view of a catalogued run.
    public init(record r: RunRecord) {
        self.init(
            id: r.id.description, kind: r.kind, executorName: r.executor, executorVersion: r.executorVersion,
            inputs: Dictionary(r.inputs.map { ($0.role, $0.digest) }, uniquingKeysWith: { a, _ in a }),
            params: r.params,
            outputs: Dictionary(r.outputs.map { ($0.role, $0.digest) }, uniquingKeysWith: { a, _ in a }))
    }
}

/// `radvault replay` against an archive: select runs, replay them, record the replay in the audit log.
public enum ArchiveReplay {
    /// Which runs to replay.
    public enum Selection: Sendable {
        case all
        /// Runs by id or unique id prefix (8+ hex digits).
        case runs([String])
        /// The runs of a revision: those whose inputs, params and outputs are all in the manifests
        /// at that revision (a run recorded after the commit is not part of it).
        case revision(String)
    }

    /// Replays the selected runs of `archive` with `registry` on `jobs` workers and appends a
    /// `replay` audit entry with this machine's environment fingerprint. `blasThreads`, when
    /// given, overrides the BLAS thread count every executor would set from its params (the
    /// override and jobs are recorded in the audit entry).
    public static func replay(
        _ archive: Archive, selection: Selection, registry: ExecutorRegistry, jobs: Int = 1,
        blasThreads: Int? = nil, progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> ReplayReport {
        let runs = try select(archive, selection)
        let scratch = archive.root.appendingPathComponent("objects/tmp")
        let previous = BLASInfo.threadOverride
        BLASInfo.overrideThreads(blasThreads)
        defer { BLASInfo.overrideThreads(previous) }
        var tick: (@Sendable () -> Void)?
        let reporter = progress?(runs.count)
        if let reporter { tick = { reporter.advance() } }
        let report = Replayer(registry: registry, blobs: ArchiveBlobSource(archive), scratchRoot: scratch)
            .replay(runs.map(RecordedRun.init(record:)), jobs: jobs, progress: tick)
        reporter?.finish()
        let summary: [JSONValue] = report.runs.map {
            .object(["run": .string($0.run), "verdict": .string($0.verdict.rawValue)])
        }
        var payload: [String: JSONValue] = [
            "verdict": .string(report.verdict.rawValue), "runs": .array(summary), "jobs": .int(Int64(max(1, jobs))),
        ]
        if let blasThreads { payload["blas_threads"] = .int(Int64(blasThreads)) }
        // Why: the replaying machine's fingerprint beside each run's recorded one is what explains
        // an `equivalent` verdict across machines (DESIGN.md, "Environment fingerprint").
        payload["environment"] = try RunService.environment(jobs: jobs)
        try archive.catalog.appendAudit(AuditIntent(agent: archive.agent, action: "replay", payload: .object(payload)))
        return report
    }

    /// The runs a selection names, in recorded order (ids in the order given, each once).
    ///
    /// An empty selection is an error, not a vacuous `identical`: a reviewer who replays an
    /// archive or revision without runs has proved nothing.
    static func select(_ archive: Archive, _ selection: Selection) throws -> [RunRecord] {
        let all = try archive.runs()
        switch selection {
        case .all:
            guard !all.isEmpty else {
                throw RadVaultError.notFound(
                    "replay --all: the archive at \(archive.root.path) has no recorded runs; expected at least one "
                        + "(record runs with extract, model, radiogenomics or ibsi check)")
            }
            return all
        case .runs(let ids):
            var seen = Set<Digest>()
            return try ids.map { try lookUp($0, in: all) }.filter { seen.insert($0.id).inserted }
        case .revision(let rev):
            let known = try archive.revisionDigests(rev)
            let runs = all.filter { r in
                r.inputs.allSatisfy { known.contains($0.digest) } && r.outputs.allSatisfy { known.contains($0.digest) }
                    && (r.params.map { known.contains($0) } ?? true)
            }
            guard !runs.isEmpty else {
                throw RadVaultError.notFound(
                    "replay --rev \(rev): no recorded run has its inputs, params and outputs in the manifests at "
                        + "this revision; expected at least one run committed at this revision")
            }
            return runs
        }
    }

    /// The one run whose id starts with `text` (a full id or a prefix of 8+ hex digits).
    static func lookUp(_ text: String, in all: [RunRecord]) throws -> RunRecord {
        let prefix = try Digest.normalisePrefix(text)
        let hits = all.filter { $0.id.hex.hasPrefix(prefix) }
        guard hits.count == 1, let hit = hits.first else {
            throw RadVaultError(
                hits.isEmpty ? .notFound : .invalidInput,
                "run '\(text)': "
                    + (hits.isEmpty ? "no recorded run has this id" : "ambiguous, \(hits.count) runs match"))
        }
        return hit
    }
}
