import RadVaultCore

/// Finds the discrete choices that moved between a recorded output and its replay.
public enum DecisionEvaluator {
    /// The changes `rule` sees between two parsed outputs, sorted by item.
    public static func changes(_ rule: DecisionRule, recorded: JSONValue, replayed: JSONValue) -> [DecisionChange] {
        switch rule.membership {
        case .threshold(let scores, let comparison, let threshold):
            let old = scoreMap(scores, recorded)
            let new = scoreMap(scores, replayed)
            let inOld = Set(old.filter { comparison.holds($0.value, threshold) }.keys)
            let inNew = Set(new.filter { comparison.holds($0.value, threshold) }.keys)
            return moved(rule, inOld, inNew, old, new, comparison, threshold)
        case .listed(let members, let scores, let comparison, let threshold):
            let inOld = memberSet(members, recorded)
            let inNew = memberSet(members, replayed)
            let old = scores.map { scoreMap($0, recorded) } ?? [:]
            let new = scores.map { scoreMap($0, replayed) } ?? [:]
            return moved(rule, inOld, inNew, old, new, comparison, threshold)
        case .label(let labels):
            return relabelled(rule, labelMap(labels, recorded), labelMap(labels, replayed))
        }
    }

    /// Evaluates every rule of an executor against parsed outputs (role → document).
    public static func changes(
        rules: [DecisionRule], recorded: [String: JSONValue], replayed: [String: JSONValue]
    ) -> [Difference] {
        var out: [Difference] = []
        for rule in rules {
            guard let a = recorded[rule.output], let b = replayed[rule.output] else { continue }
            for c in changes(rule, recorded: a, replayed: b) {
                out.append(
                    Difference(
                        kind: .decision, output: rule.output, path: c.item, detail: describe(c), decision: c))
            }
        }
        return out
    }

    static func describe(_ c: DecisionChange) -> String {
        switch c.change {
        case .entered: return "'\(c.item)' entered \(c.rule) in the replay"
        case .left: return "'\(c.item)' left \(c.rule) in the replay"
        case .relabelled: return "'\(c.item)' changed \(c.rule)"
        }
    }

    static func moved(
        _ rule: DecisionRule, _ inOld: Set<String>, _ inNew: Set<String>, _ old: [String: Double],
        _ new: [String: Double], _ comparison: DecisionRule.Comparison?, _ threshold: Double?
    ) -> [DecisionChange] {
        var out: [DecisionChange] = []
        let entered = inNew.subtracting(inOld).map { ($0, DecisionChange.Change.entered) }
        let left = inOld.subtracting(inNew).map { ($0, DecisionChange.Change.left) }
        for (item, change) in (entered + left).sorted(by: { $0.0 < $1.0 }) {
            var distance: Double?
            if let comparison, let threshold {
                let ds = [old[item], new[item]].compactMap { $0 }.map { comparison.distance($0, threshold) }
                distance = ds.min()
            }
            out.append(
                DecisionChange(
                    rule: rule.name, item: item, change: change, threshold: threshold, recordedScore: old[item],
                    replayedScore: new[item], distance: distance))
        }
        return out
    }

    static func relabelled(
        _ rule: DecisionRule, _ old: [String: JSONValue], _ new: [String: JSONValue]
    ) -> [DecisionChange] {
        var out: [DecisionChange] = []
        for item in Set(old.keys).union(new.keys).sorted() {
            let change: DecisionChange.Change
            switch (old[item], new[item]) {
            case (let a?, let b?) where a != b: change = .relabelled
            case (nil, _?): change = .entered
            case (_?, nil): change = .left
            default: continue
            }
            out.append(
                DecisionChange(
                    rule: rule.name, item: item, change: change, recordedLabel: old[item], replayedLabel: new[item]))
        }
        return out
    }

    static func scoreMap(_ p: PathPattern, _ doc: JSONValue) -> [String: Double] {
        var m: [String: Double] = [:]
        for (item, v) in p.matches(in: doc) {
            if let d = OutputComparator.number(v) { m[item] = d }
        }
        return m
    }

    static func memberSet(_ p: PathPattern, _ doc: JSONValue) -> Set<String> {
        var s = Set<String>()
        for (item, v) in p.matches(in: doc) {
            if case .bool(false) = v { continue }
            s.insert(v.stringValue ?? item)
        }
        return s
    }

    static func labelMap(_ p: PathPattern, _ doc: JSONValue) -> [String: JSONValue] {
        var m: [String: JSONValue] = [:]
        for (item, v) in p.matches(in: doc) { m[item] = v }
        return m
    }
}
