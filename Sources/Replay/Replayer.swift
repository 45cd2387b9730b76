import Foundation
import RadVaultCore

/// Re-executes recorded runs from their stored inputs and compares the outputs.
///
/// A cache hit is never evidence (DESIGN.md): every run is executed again. Execution happens
/// in memory plus a private scratch directory under `scratchRoot`, removed afterwards; recorded
/// outputs are only read, never written.
public struct Replayer: Sendable {
    public var registry: ExecutorRegistry
    public var blobs: any BlobSource
    public var scratchRoot: URL

    public init(registry: ExecutorRegistry, blobs: any BlobSource, scratchRoot: URL) {
        self.registry = registry
        self.blobs = blobs
        self.scratchRoot = scratchRoot
    }

    /// Replays `runs` on `jobs` workers; the report lists them in the given order whatever the
    /// scheduling (run i goes to worker i mod jobs), and `progress` is called once per finished run.
    public func replay(_ runs: [RecordedRun], jobs: Int = 1, progress: (@Sendable () -> Void)? = nil)
        -> ReplayReport
    {
        ReplayReport(
            runs: OrderedParallel.map(count: runs.count, workers: jobs) { i in
                defer { progress?() }
                return replay(runs[i])
            })
    }

    /// Replays one run.
    public func replay(_ run: RecordedRun) -> RunReplay {
        // Why the name too: it is part of the run's identity (its spec digest); another executor
        // that happens to share kind and version proves nothing about the recorded one.
        guard let executor = registry.executor(kind: run.kind, version: run.executorVersion),
            executor.name == run.executorName
        else {
            let entries = registry.entries.filter { $0.kind == run.kind }
            let known = entries.map(\.version)
            var detail =
                "no executor for kind '\(run.kind)' version '\(run.executorVersion)' (recorded by "
                + "'\(run.executorName)'); this build has "
                + (known.isEmpty ? "none for that kind" : "version(s) " + known.joined(separator: ", "))
            if let other = entries.first(where: { $0.version == run.executorVersion }) {
                detail =
                    "executor '\(run.executorName)' version '\(run.executorVersion)' (kind '\(run.kind)') is "
                    + "unknown to this build; its executor for that kind and version is '\(other.name)'"
            }
            return unreplayable(run, [Difference(kind: .executorUnknown, output: run.kind, detail: detail)])
        }
        var problems: [Difference] = []
        var inputs: [String: Data] = [:]
        for (role, digest) in run.inputs.sorted(by: { $0.key < $1.key }) {
            if let data = load(digest, role: role, into: &problems, missing: .inputMissing, corrupt: .inputCorrupt) {
                inputs[role] = data
            }
        }
        var params: Data? = Data()
        if let digest = run.params {
            params = load(digest, role: "params", into: &problems, missing: .inputMissing, corrupt: .inputCorrupt)
        }
        var recorded: [String: Data] = [:]
        for (role, digest) in run.outputs.sorted(by: { $0.key < $1.key }) {
            let kind = Difference.Kind.recordedOutputMissing
            if let data = load(digest, role: role, into: &problems, missing: kind, corrupt: kind) {
                recorded[role] = data
            }
        }
        guard problems.isEmpty, let params else { return unreplayable(run, problems) }
        let replayed: [String: Data]
        do {
            replayed = try execute(executor, run: run, inputs: inputs, params: params)
        } catch {
            let d = Difference(
                kind: .executionFailed, output: run.kind,
                detail: "executor '\(executor.name)' \(executor.version) failed: \(error)")
            return unreplayable(run, [d])
        }
        return compare(run, executor: executor, recorded: recorded, replayed: replayed)
    }

    func execute(_ executor: any Executor, run: RecordedRun, inputs: [String: Data], params: Data) throws
        -> [String: Data]
    {
        let scratch = scratchRoot.appendingPathComponent(
            "replay-\(run.id.replacingOccurrences(of: "sha256:", with: "").prefix(12))-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try executor.execute(inputs: inputs, params: params, scratch: scratch)
    }

    /// Compares every output and collects the moved decisions.
    func compare(_ run: RecordedRun, executor: any Executor, recorded: [String: Data], replayed: [String: Data])
        -> RunReplay
    {
        var diffs: [Difference] = []
        var verdicts: [Verdict] = []
        var maxDeviation = 0.0
        for role in Set(recorded.keys).union(replayed.keys).sorted() {
            guard let a = recorded[role], let b = replayed[role] else {
                let kind: Difference.Kind = recorded[role] == nil ? .unexpectedOutput : .missingOutput
                diffs.append(Difference(kind: kind, output: role, detail: "output '\(role)' \(kind.rawValue)"))
                verdicts.append(.different)
                continue
            }
            let c = OutputComparator.compare(output: role, recorded: a, replayed: b, tolerance: executor.tolerance)
            verdicts.append(c.verdict)
            maxDeviation = max(maxDeviation, c.maxDeviation)
            diffs += c.differences
            if c.verdict == .equivalent {
                diffs.append(
                    Difference(
                        kind: .withinTolerance, output: role, path: c.maxDeviationPath, deviation: c.maxDeviation,
                        detail: "\(c.withinToleranceCount) value(s) within tolerance"))
            }
        }
        let verdict = Verdict.aggregate(verdicts)
        if verdict != .identical {
            diffs += DecisionEvaluator.changes(
                rules: executor.decisions, recorded: parsed(recorded), replayed: parsed(replayed))
        }
        return RunReplay(
            run: run.id, kind: run.kind, verdict: verdict, maxDeviation: maxDeviation,
            differences: diffs.sorted(by: Difference.reportOrder), replayedOutputs: replayed.mapValues { Digest.of($0) }
        )
    }

    func parsed(_ outputs: [String: Data]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (role, data) in outputs {
            if let v = try? CanonicalJSON.parse(data) { out[role] = v }
        }
        return out
    }

    func load(
        _ digest: Digest, role: String, into problems: inout [Difference], missing: Difference.Kind,
        corrupt: Difference.Kind
    ) -> Data? {
        let data: Data
        do {
            data = try blobs.bytes(of: digest)
        } catch let e as RadVaultError where e.code == .notFound {
            problems.append(Difference(kind: missing, output: role, path: digest.description, detail: e.message))
            return nil
        } catch {
            problems.append(Difference(kind: corrupt, output: role, path: digest.description, detail: "\(error)"))
            return nil
        }
        let actual = Digest.of(data)
        guard actual == digest else {
            problems.append(
                Difference(
                    kind: corrupt, output: role, path: digest.description,
                    detail: "blob for '\(role)' hashes to \(actual), expected \(digest)"))
            return nil
        }
        return data
    }

    func unreplayable(_ run: RecordedRun, _ problems: [Difference]) -> RunReplay {
        RunReplay(
            run: run.id, kind: run.kind, verdict: .unreplayable, maxDeviation: nil,
            differences: problems.sorted(by: Difference.reportOrder))
    }
}
