import Foundation
import RadVaultCore

/// The outcome of comparing one recorded output with its replayed counterpart.
public struct OutputComparison: Sendable {
    /// `identical`, `equivalent` or `different`.
    public var verdict: Verdict
    /// The largest numeric deviation seen (0 when bytes are identical; infinity when a number
    /// became NaN or infinite), and where it was.
    public var maxDeviation: Double
    public var maxDeviationPath: String
    /// Differences beyond tolerance and structural changes, largest first.
    public var differences: [Difference]
    /// How many numbers drifted within tolerance.
    public var withinToleranceCount: Int
}

/// Compares recorded and replayed output bytes: identical bytes, else canonical-JSON values
/// compared number by number against the executor's tolerance.
public enum OutputComparator {
    /// Object fields that name an array element, in this order (used in paths, so a difference
    /// reads `features[glcm_joint_max].value` rather than `features[17].value`, and a correlation
    /// `significant[glcm_joint_max/G17].q` — feature and gene — rather than only the feature).
    public static let identifyingFields = [
        "id", "name", "feature", "gene", "tag", "term", "subject", "module", "trait", "geneSet",
    ]

    /// Compares one output.
    public static func compare(output: String, recorded: Data, replayed: Data, tolerance: Tolerance) -> OutputComparison
    {
        if recorded == replayed {
            return OutputComparison(
                verdict: .identical, maxDeviation: 0, maxDeviationPath: "", differences: [], withinToleranceCount: 0)
        }
        guard let a = try? CanonicalJSON.parse(recorded), let b = try? CanonicalJSON.parse(replayed) else {
            let diff = Difference(
                kind: .bytes, output: output,
                detail: "bytes differ (recorded \(Digest.of(recorded).short)…, \(recorded.count) B; replayed "
                    + "\(Digest.of(replayed).short)…, \(replayed.count) B) and the output is not JSON")
            return OutputComparison(
                verdict: .different, maxDeviation: .infinity, maxDeviationPath: "", differences: [diff],
                withinToleranceCount: 0)
        }
        var walk = Walk(output: output, tolerance: tolerance)
        walk.visit(a, b, path: "")
        let verdict: Verdict = walk.differences.isEmpty ? .equivalent : .different
        return OutputComparison(
            verdict: verdict, maxDeviation: walk.maxDeviation, maxDeviationPath: walk.maxPath,
            differences: walk.differences.sorted(by: Difference.reportOrder), withinToleranceCount: walk.within)
    }

    /// The number behind a JSON leaf, when it is one (including spelled-out NaN/±Infinity).
    static func number(_ v: JSONValue) -> Double? {
        switch v {
        case .int, .double: return v.doubleValue
        case .string("NaN"), .string("Infinity"), .string("-Infinity"): return v.doubleValue
        default: return nil
        }
    }

    /// The label of an array element in a path: its identifying fields (strings or integers)
    /// joined with `/`, else its index.
    static func elementLabel(_ v: JSONValue, index: Int) -> String {
        identifyingLabel(v) ?? String(index)
    }

    /// The identifying fields of an object element joined with `/`, or nil when it has none.
    static func identifyingLabel(_ v: JSONValue) -> String? {
        guard case .object(let o) = v else { return nil }
        let parts = identifyingFields.compactMap { f -> String? in
            switch o[f] {
            case .string(let s)?: return s
            case .int(let i)?: return String(i)
            default: return nil
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// Labels of keyed elements, when every element has a distinct one (else nil: align by index).
    static func uniqueLabels(_ a: [JSONValue]) -> [String]? {
        let labels = a.compactMap(identifyingLabel)
        return labels.count == a.count && Set(labels).count == labels.count ? labels : nil
    }

    static func join(_ path: String, key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// Recursive parallel walk over the two documents.
    struct Walk {
        let output: String
        let tolerance: Tolerance
        var differences: [Difference] = []
        var maxDeviation: Double = 0
        var maxPath = ""
        var within = 0

        mutating func visit(_ a: JSONValue, _ b: JSONValue, path: String) {
            if let x = number(a), let y = number(b) {
                numbers(x, y, a, b, path: path)
                return
            }
            switch (a, b) {
            case (.object(let oa), .object(let ob)):
                for key in Set(oa.keys).union(ob.keys).sorted() {
                    let p = join(path, key: key)
                    switch (oa[key], ob[key]) {
                    case (let x?, let y?): visit(x, y, path: p)
                    case (let x?, nil): structure(p, x, nil, "key missing in the replay")
                    case (nil, let y?): structure(p, nil, y, "key only in the replay")
                    default: break
                    }
                }
            case (.array(let xa), .array(let xb)):
                if let la = uniqueLabels(xa), let lb = uniqueLabels(xb), la != lb {
                    keyed(xa, la, xb, lb, path: path)
                    return
                }
                if xa.count != xb.count {
                    structure(path, nil, nil, "array length \(xa.count) recorded, \(xb.count) replayed")
                }
                for i in 0..<min(xa.count, xb.count) {
                    let label = elementLabel(xa[i], index: i)
                    if label != elementLabel(xb[i], index: i) {
                        structure("\(path)[\(label)]", nil, nil, "element \(i) names differ")
                    }
                    visit(xa[i], xb[i], path: "\(path)[\(label)]")
                }
            default:
                if a != b { structure(path, a, b, "value differs") }
            }
        }

        /// Arrays of keyed elements whose keys differ: matched by key, so an element that entered
        /// or left is named once instead of shifting every later element.
        mutating func keyed(_ xa: [JSONValue], _ la: [String], _ xb: [JSONValue], _ lb: [String], path: String) {
            let replayed = Dictionary(uniqueKeysWithValues: zip(lb, xb))
            let recordedLabels = Set(la)
            for (label, a) in zip(la, xa) {
                if let b = replayed[label] {
                    visit(a, b, path: "\(path)[\(label)]")
                } else {
                    structure("\(path)[\(label)]", a, nil, "element missing in the replay")
                }
            }
            for (label, b) in zip(lb, xb) where !recordedLabels.contains(label) {
                structure("\(path)[\(label)]", nil, b, "element only in the replay")
            }
            if la.filter({ replayed[$0] != nil }) != lb.filter(recordedLabels.contains) {
                structure(path, nil, nil, "elements in another order")
            }
        }

        mutating func numbers(_ x: Double, _ y: Double, _ a: JSONValue, _ b: JSONValue, path: String) {
            if x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) { return }
            let deviation = (x.isFinite && y.isFinite) ? abs(x - y) : (x == y ? 0 : .infinity)
            if deviation > maxDeviation || (maxPath.isEmpty && deviation >= maxDeviation) {
                maxDeviation = deviation
                maxPath = path
            }
            if tolerance.accepts(x, y) {
                within += 1
            } else {
                differences.append(
                    Difference(kind: .value, output: output, path: path, recorded: a, replayed: b, deviation: deviation)
                )
            }
        }

        mutating func structure(_ path: String, _ a: JSONValue?, _ b: JSONValue?, _ detail: String) {
            differences.append(
                Difference(kind: .structure, output: output, path: path, recorded: a, replayed: b, detail: detail))
        }
    }
}
