import ArchiveStore
import Foundation
import LinearAlgebra
import RadVaultCore

/// Doing a run: the one code path behind `radvault extract`, `model`, `radiogenomics` and
/// `ibsi check` (DESIGN.md: the same executors do and re-do).
///
/// The run id is the digest of the canonical spec (kind, executor, version, inputs, params).
/// A known spec is a cache hit that returns the recorded run, unless `force` is set; a cache
/// hit is never evidence — only `radvault replay` re-executes to prove a result.
public struct RunService: Sendable {
    public let archive: Archive
    public let registry: ExecutorRegistry

    public init(archive: Archive, registry: ExecutorRegistry = .standard) {
        self.archive = archive
        self.registry = registry
    }

    /// What a run produced, and whether it came from the run cache.
    public struct Outcome: Sendable {
        public var record: RunRecord
        public var cached: Bool
        /// Output artifacts by role.
        public var outputs: [String: Artifact]
    }

    /// One input of a run: its role and the artifact's digest.
    public struct Input: Sendable {
        public var role: String
        public var digest: Digest
        public init(role: String, digest: Digest) {
            self.role = role
            self.digest = digest
        }
    }

    /// Runs `kind` on the archive's artifacts and records it.
    ///
    /// - Parameters:
    ///   - outputKinds: the artifact kind of each output role (default `result`).
    ///   - subject: the subject the outputs belong to (per-subject runs), or nil (cohort).
    ///   - outputNames: the manifest name of each output role (default: the role).
    ///   - environment: extra facts for the fingerprint (e.g. jobs).
    public func run(
        kind: String, inputs: [Input], params: Digest?, outputKinds: [String: ArtifactKind] = [:],
        subject: String? = nil, outputNames: [String: String] = [:], force: Bool = false,
        jobs: Int? = nil
    ) throws -> Outcome {
        guard let executor = registry.latest(kind: kind) else {
            throw RadVaultError.unsupported("no executor for run kind '\(kind)' in this build")
        }
        let ports = inputs.map { RunRecord.Port(role: $0.role, digest: $0.digest) }
        let spec = try RunRecord.specificationDigest(
            kind: kind, executor: executor.name, executorVersion: executor.version, inputs: ports, params: params)
        if !force, let existing = try archive.findRun(specDigest: spec) {
            return Outcome(record: existing, cached: true, outputs: try artifacts(of: existing))
        }
        var inputBytes: [String: Data] = [:]
        for input in inputs { inputBytes[input.role] = try archive.read(input.digest) }
        let paramBytes = try params.map { try archive.read($0) } ?? Data()
        let started = ISOTime.now()
        let scratch = archive.root.appendingPathComponent("objects/tmp/run-\(spec.short)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let produced = try executor.execute(inputs: inputBytes, params: paramBytes, scratch: scratch)
        var outputs: [String: Artifact] = [:]
        var outPorts: [RunRecord.Port] = []
        for role in produced.keys.sorted() {
            guard let bytes = produced[role] else { continue }
            let artifact = try archive.put(
                bytes: [UInt8](bytes), kind: outputKinds[role] ?? .result, subject: subject,
                metadata: ["run_kind": .string(kind), "role": .string(role)], name: outputNames[role] ?? role)
            outputs[role] = artifact
            outPorts.append(RunRecord.Port(role: role, digest: artifact.digest))
        }
        let record = try RunRecord(
            kind: kind, executor: executor.name, executorVersion: executor.version, inputs: ports, params: params,
            outputs: outPorts, environment: try Self.environment(jobs: jobs), agent: archive.agent,
            startedAt: started, endedAt: ISOTime.now())
        let stored = try archive.recordRun(record)
        return Outcome(record: stored, cached: false, outputs: outputs)
    }

    /// The output artifacts of a recorded run, by role.
    func artifacts(of record: RunRecord) throws -> [String: Artifact] {
        var out: [String: Artifact] = [:]
        for port in record.outputs { out[port.role] = try archive.artifact(port.digest.description) }
        return out
    }

    /// The environment fingerprint of this process, with the BLAS facts and the job count.
    public static func environment(jobs: Int?) throws -> JSONValue {
        var fingerprint = EnvironmentFingerprint.current()
        let blas = BLASInfo.current()
        fingerprint.blasLibrary = blas.library
        fingerprint.blasCoreType = blas.coreType
        fingerprint.blasThreads = blas.threads
        fingerprint.jobs = jobs
        return try CanonicalJSON.jsonValue(fingerprint)
    }
}
