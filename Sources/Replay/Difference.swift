import RadVaultCore

/// One thing a replay found different (or, for `withinTolerance`, the largest drift of an output).
///
/// Entries of the `differences` array of `radvault replay --json`. Every entry has `type`,
/// `output` and `path`; the other fields appear when they apply.
public struct Difference: Hashable, Sendable {
    /// What kind of difference this is.
    public enum Kind: String, Codable, Sendable {
        /// A number moved beyond the tolerance.
        case value
        /// The largest within-tolerance drift of one output (reported for `equivalent`).
        case withinTolerance = "within_tolerance"
        /// A key, array length, string or type differs.
        case structure
        /// The recorded run has an output the replay did not produce.
        case missingOutput = "missing_output"
        /// The replay produced an output the recorded run does not have.
        case unexpectedOutput = "unexpected_output"
        /// Bytes differ and the output is not JSON, so values cannot be compared.
        case bytes
        /// A discrete choice moved (an item entered/left a selection, or changed label).
        case decision
        /// An input blob or the parameter blob is missing from the archive.
        case inputMissing = "input_missing"
        /// An input blob's bytes do not hash to its recorded digest.
        case inputCorrupt = "input_corrupt"
        /// A recorded output blob is missing or corrupt, so nothing can be compared.
        case recordedOutputMissing = "recorded_output_missing"
        /// No executor is registered for the run's (kind, version).
        case executorUnknown = "executor_unknown"
        /// The executor failed.
        case executionFailed = "execution_failed"
    }

    public var kind: Kind
    /// The output role (or the input role for input problems).
    public var output: String
    /// Where inside the output: a dotted path naming the feature, coefficient or gene.
    public var path: String
    public var recorded: JSONValue?
    public var replayed: JSONValue?
    /// `|recorded − replayed|` for numbers; infinity for structural changes; nil when not numeric.
    public var deviation: Double?
    /// Free-text explanation.
    public var detail: String
    /// For decisions: which rule, what changed and how far from the threshold.
    public var decision: DecisionChange?

    public init(
        kind: Kind, output: String, path: String = "", recorded: JSONValue? = nil, replayed: JSONValue? = nil,
        deviation: Double? = nil, detail: String = "", decision: DecisionChange? = nil
    ) {
        self.kind = kind
        self.output = output
        self.path = path
        self.recorded = recorded
        self.replayed = replayed
        self.deviation = deviation
        self.detail = detail
        self.decision = decision
    }

    /// The JSON object written in reports.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "type": .string(kind.rawValue), "output": .string(output), "path": .string(path),
        ]
        if let recorded { o["recorded"] = recorded }
        if let replayed { o["replayed"] = replayed }
        if let deviation { o["deviation"] = .number(deviation) }
        if !detail.isEmpty { o["detail"] = .string(detail) }
        if let decision {
            for (k, v) in decision.json { o[k] = v }
        }
        return .object(o)
    }

    /// Ordering used in reports: structural problems first, then numbers largest deviation first,
    /// then moved decisions; ties by output then path, so the order is deterministic.
    static func reportOrder(_ a: Difference, _ b: Difference) -> Bool {
        if a.group != b.group { return a.group < b.group }
        let da = a.deviation.map { $0.isNaN ? Double.infinity : $0 } ?? -1
        let db = b.deviation.map { $0.isNaN ? Double.infinity : $0 } ?? -1
        if da != db { return da > db }
        if a.output != b.output { return a.output < b.output }
        if a.path != b.path { return a.path < b.path }
        return (a.decision?.item ?? "") < (b.decision?.item ?? "")
    }

    private var group: Int {
        switch kind {
        case .value, .withinTolerance: return 1
        case .decision: return 2
        default: return 0
        }
    }
}

/// A discrete choice that moved between the recorded run and its replay.
public struct DecisionChange: Hashable, Sendable {
    public enum Change: String, Sendable {
        /// The item is selected in the replay but was not in the recorded run.
        case entered
        /// The item was selected in the recorded run but is not in the replay.
        case left
        /// The item's label (e.g. WGCNA module) changed.
        case relabelled
    }

    /// The rule's name (e.g. `fdr_significant`, `lasso_selected`, `module`).
    public var rule: String
    /// The item (feature, gene, coefficient) that moved.
    public var item: String
    public var change: Change
    public var threshold: Double?
    public var recordedScore: Double?
    public var replayedScore: Double?
    /// The smaller of the two scores' distances to the threshold: how marginal the choice was.
    public var distance: Double?
    /// For labels: the recorded and replayed label.
    public var recordedLabel: JSONValue?
    public var replayedLabel: JSONValue?

    public init(
        rule: String, item: String, change: Change, threshold: Double? = nil, recordedScore: Double? = nil,
        replayedScore: Double? = nil, distance: Double? = nil, recordedLabel: JSONValue? = nil,
        replayedLabel: JSONValue? = nil
    ) {
        self.rule = rule
        self.item = item
        self.change = change
        self.threshold = threshold
        self.recordedScore = recordedScore
        self.replayedScore = replayedScore
        self.distance = distance
        self.recordedLabel = recordedLabel
        self.replayedLabel = replayedLabel
    }

    var json: [String: JSONValue] {
        var o: [String: JSONValue] = [
            "rule": .string(rule), "item": .string(item), "change": .string(change.rawValue),
        ]
        if let threshold { o["threshold"] = .number(threshold) }
        if let recordedScore { o["recorded_score"] = .number(recordedScore) }
        if let replayedScore { o["replayed_score"] = .number(replayedScore) }
        if let distance { o["distance_to_threshold"] = .number(distance) }
        if let recordedLabel { o["recorded_label"] = recordedLabel }
        if let replayedLabel { o["replayed_label"] = replayedLabel }
        return o
    }
}
