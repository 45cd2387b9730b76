import Foundation
import RadVaultCore

/// The result of an IBSI-1 compliance check: matched/total overall, per benchmark and family,
/// and every mismatch.
public struct IBSICheckReport: Sendable, Hashable {
    /// Matched/total of one family on one benchmark.
    public struct Tally: Sendable, Hashable {
        public var phantom: String
        public var config: String
        public var family: FeatureFamily
        public var matched: Int
        public var total: Int
    }

    /// A reference row that was not matched; `got` is nil when the value was not computed.
    public struct Mismatch: Sendable, Hashable {
        public var row: IBSIReferenceRow
        public var got: Double?
        /// Why no value was computed (a skipped family's reason), if that is the case.
        public var note: String?
    }

    public var benchmarks: [Tally]
    public var mismatches: [Mismatch]

    public var matched: Int { benchmarks.reduce(0) { $0 + $1.matched } }
    public var total: Int { benchmarks.reduce(0) { $0 + $1.total } }

    /// `{"matched", "total", "benchmarks": [{phantom, config, family, matched, total}],
    /// "mismatches": [{family, feature, ibsi_code, aggregation, phantom, config, expected,
    /// tolerance, got}]}` (`aggregation` and `got` may be null).
    public var jsonValue: JSONValue {
        let tallies: [JSONValue] = benchmarks.map { t in
            .object([
                "phantom": .string(t.phantom), "config": .string(t.config), "family": .string(t.family.rawValue),
                "matched": .int(Int64(t.matched)), "total": .int(Int64(t.total)),
            ])
        }
        let misses: [JSONValue] = mismatches.map { m in
            .object([
                "family": .string(m.row.family.rawValue), "feature": .string(m.row.feature),
                "ibsi_code": .string(m.row.ibsiCode),
                "aggregation": m.row.aggregation.map { .string($0.rawValue) } ?? .null,
                "phantom": .string(m.row.phantom), "config": .string(m.row.config),
                "expected": .number(m.row.value), "tolerance": .number(m.row.tolerance),
                "got": m.got.map(JSONValue.number) ?? .null,
            ])
        }
        return .object([
            "matched": .int(Int64(matched)), "total": .int(Int64(total)), "benchmarks": .array(tallies),
            "mismatches": .array(misses),
        ])
    }

    /// A human-readable rendering: one line per benchmark and family, then the mismatches.
    public var text: String {
        var lines = ["IBSI-1 reference values matched: \(matched)/\(total)"]
        var current = ""
        for t in benchmarks {
            let label = t.config.isEmpty ? t.phantom : "\(t.phantom) config \(t.config)"
            if label != current {
                let inBenchmark = benchmarks.filter { $0.phantom == t.phantom && $0.config == t.config }
                let m = inBenchmark.reduce(0) { $0 + $1.matched }
                let n = inBenchmark.reduce(0) { $0 + $1.total }
                lines.append("\(label): \(m)/\(n)")
                current = label
            }
            let pad = String(repeating: " ", count: max(1, 28 - t.family.rawValue.count))
            lines.append("  \(t.family.rawValue)\(pad)\(t.matched)/\(t.total)")
        }
        if !mismatches.isEmpty {
            lines.append("mismatches (\(mismatches.count)):")
            for m in mismatches {
                let bench = m.row.config.isEmpty ? m.row.phantom : "\(m.row.phantom)/\(m.row.config)"
                let aggregation = m.row.aggregation.map { " [\($0.rawValue)]" } ?? ""
                let got = m.got.map { "\($0)" } ?? "not computed\(m.note.map { " (\($0))" } ?? "")"
                lines.append(
                    "  \(bench) \(m.row.family.rawValue) \(m.row.feature) (\(m.row.ibsiCode))\(aggregation): "
                        + "expected \(m.row.value) ± \(m.row.tolerance), got \(got)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
