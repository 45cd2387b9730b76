import RadVaultCore

/// The result of replaying one recorded run.
public struct RunReplay: Sendable {
    /// The run id (digest of its canonical spec).
    public var run: String
    public var kind: String
    public var verdict: Verdict
    /// The largest numeric deviation over all outputs (0 for identical; nil when unreplayable).
    public var maxDeviation: Double?
    /// What differs, largest first (see `Difference.reportOrder`).
    public var differences: [Difference]
    /// Digests of the replayed outputs (empty when the run could not be executed).
    public var replayedOutputs: [String: Digest]

    public init(
        run: String, kind: String, verdict: Verdict, maxDeviation: Double?, differences: [Difference],
        replayedOutputs: [String: Digest] = [:]
    ) {
        self.run = run
        self.kind = kind
        self.verdict = verdict
        self.maxDeviation = maxDeviation
        self.differences = differences
        self.replayedOutputs = replayedOutputs
    }

    /// `{"run", "kind", "verdict", "max_deviation", "differences"}`.
    public var json: JSONValue {
        .object([
            "run": .string(run), "kind": .string(kind), "verdict": .string(verdict.rawValue),
            "max_deviation": maxDeviation.map { JSONValue.number($0) } ?? .null,
            "differences": .array(differences.map(\.json)),
        ])
    }
}

/// A study replay: the verdict per run and the worst of them.
public struct ReplayReport: Sendable {
    public var runs: [RunReplay]

    public init(runs: [RunReplay]) { self.runs = runs }

    /// The study verdict: the worst run verdict.
    public var verdict: Verdict { Verdict.aggregate(runs.map(\.verdict)) }

    /// Exit status of `radvault replay` (0 identical/equivalent, 1 different, 2 unreplayable).
    public var exitStatus: Int32 { verdict.exitStatus }

    /// The `--json` document: `{"verdict": "...", "runs": [...]}`.
    public var json: JSONValue {
        .object(["verdict": .string(verdict.rawValue), "runs": .array(runs.map(\.json))])
    }

    /// Human-readable summary; at most `limit` differences per run are listed.
    public func text(limit: Int = 10) -> String {
        var lines: [String] = []
        for r in runs {
            var head = "\(r.kind) \(String(r.run.replacingOccurrences(of: "sha256:", with: "").prefix(12))): "
            head += r.verdict.rawValue
            if let d = r.maxDeviation, r.verdict != .identical { head += " (max deviation \(d))" }
            lines.append(head)
            for d in r.differences.prefix(limit) { lines.append("  " + Self.describe(d)) }
            if r.differences.count > limit { lines.append("  … \(r.differences.count - limit) more") }
        }
        lines.append("study: \(verdict.rawValue) (\(runs.count) run\(runs.count == 1 ? "" : "s"))")
        return lines.joined(separator: "\n")
    }

    static func describe(_ d: Difference) -> String {
        var s = "\(d.kind.rawValue) \(d.output)"
        if !d.path.isEmpty { s += " \(d.path)" }
        if let c = d.decision {
            // What moved, from what to what, and how marginal it was.
            s += ": \(d.detail)"
            if c.recordedLabel != nil || c.replayedLabel != nil {
                let label = { (v: JSONValue?) in v.map { CanonicalJSON.string($0) } ?? "none" }
                s += " (\(label(c.recordedLabel)) → \(label(c.replayedLabel)))"
            }
            if let dist = c.distance { s += " [\(dist) from the threshold]" }
            return s
        }
        if let a = d.recorded, let b = d.replayed {
            s += ": \(CanonicalJSON.string(a)) → \(CanonicalJSON.string(b))"
        }
        if let dev = d.deviation { s += " (Δ \(dev))" }
        if !d.detail.isEmpty { s += " — \(d.detail)" }
        return s
    }
}
