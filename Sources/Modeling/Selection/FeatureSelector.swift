import Foundation
import RadVaultCore

/// Applies the selection steps of the settings to training data, in order.
///
/// Every step sees only the training subjects (no information from a test fold leaks into the
/// choice of features). Ties are broken by column order so the result is deterministic.
enum FeatureSelector {
    /// The kept feature indices and one log per step, or an error when nothing is left.
    static func select(
        columns: [[Double]], names: [String], outcome: OutcomeValues, steps: [SelectionStep],
        warnings: inout [String]
    ) throws -> (kept: [Int], logs: [SelectionLog]) {
        var kept = Array(columns.indices)
        var logs: [SelectionLog] = []
        for step in steps {
            let before = kept.count
            var removed: [DroppedColumn] = []
            switch step {
            case .nearZeroVariance(let freqRatio, let uniqueFraction):
                kept = kept.filter { j in
                    guard
                        let reason = nearZeroVariance(columns[j], freqRatio: freqRatio, uniqueFraction: uniqueFraction)
                    else { return true }
                    removed.append(DroppedColumn(name: names[j], reason: reason))
                    return false
                }
            case .redundancy(let method, let threshold):
                kept = redundancy(columns, names, kept, outcome, method, threshold, &removed)
            case .univariate(let test, let fdr, let maxFeatures):
                kept = try univariate(columns, names, kept, outcome, test, fdr, maxFeatures, &removed, &warnings)
            }
            logs.append(SelectionLog(step: step.name, before: before, after: kept.count, removed: removed))
            guard !kept.isEmpty else {
                throw RadVaultError.invalidInput("selection: no feature left after the \(step.name) step")
            }
        }
        return (kept, logs)
    }

    /// caret's `nearZeroVar` rule (Kuhn 2008, J Stat Softw 28(5)), plus constant features.
    static func nearZeroVariance(_ x: [Double], freqRatio: Double, uniqueFraction: Double) -> String? {
        var counts: [Double: Int] = [:]
        for v in x { counts[v, default: 0] += 1 }
        if counts.count <= 1 { return "constant" }
        let sorted = counts.values.sorted(by: >)
        let ratio = Double(sorted[0]) / Double(sorted[1])
        let unique = Double(counts.count) / Double(x.count)
        if ratio > freqRatio, unique < uniqueFraction {
            return "near-zero variance (frequency ratio \(ratio), \(counts.count) distinct values)"
        }
        return nil
    }

    /// Association of each feature with the outcome: |AUC − ½| (binary) or |C − ½| (survival).
    static func association(_ x: [Double], _ outcome: OutcomeValues) -> Double {
        switch outcome {
        case .binary(let y): return abs(ROC.auc(scores: x, y: y) - 0.5)
        case .survival(let t, let e):
            return abs(Concordance.harrell(risk: x, survival: SurvivalData(time: t, event: e.map { $0 == 1 })).c - 0.5)
        }
    }

    /// Greedy redundancy filter: visit features from the most to the least associated; keep one
    /// unless |r| > threshold with an already kept feature.
    static func redundancy(
        _ columns: [[Double]], _ names: [String], _ kept: [Int], _ outcome: OutcomeValues,
        _ method: Correlation.Method, _ threshold: Double, _ removed: inout [DroppedColumn]
    ) -> [Int] {
        let strength = Dictionary(uniqueKeysWithValues: kept.map { ($0, association(columns[$0], outcome)) })
        let order = kept.sorted {
            (strength[$0] ?? 0) > (strength[$1] ?? 0) || ((strength[$0] ?? 0) == (strength[$1] ?? 0) && $0 < $1)
        }
        let prepared = Dictionary(
            uniqueKeysWithValues: kept.map { j in
                (j, standardised(method == .spearman ? Ranks.average(columns[j]) : columns[j]))
            })
        var chosen: [Int] = []
        for j in order {
            guard let xj = prepared[j] else { continue }
            var partner: (Int, Double)?
            for k in chosen {
                guard let xk = prepared[k] else { continue }
                var s = 0.0
                for i in 0..<xj.count { s += xj[i] * xk[i] }
                let r = s / Double(xj.count)
                if abs(r) > threshold {
                    partner = (k, r)
                    break
                }
            }
            if let (k, r) = partner {
                removed.append(
                    DroppedColumn(name: names[j], reason: "|\(method.rawValue) r| = \(abs(r)) with \(names[k])"))
            } else {
                chosen.append(j)
            }
        }
        return chosen.sorted()
    }

    /// Centred and scaled to unit 1/n variance (zeros for a constant column).
    static func standardised(_ x: [Double]) -> [Double] {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let sd = (x.reduce(0.0) { $0 + ($1 - m) * ($1 - m) } / n).squareRoot()
        return sd > 0 ? x.map { ($0 - m) / sd } : x.map { _ in 0 }
    }

    /// Univariate test + Benjamini–Hochberg; keeps q ≤ fdr, smallest p first, at most maxFeatures.
    static func univariate(
        _ columns: [[Double]], _ names: [String], _ kept: [Int], _ outcome: OutcomeValues,
        _ test: SelectionStep.UnivariateTest, _ fdr: Double, _ maxFeatures: Int?,
        _ removed: inout [DroppedColumn], _ warnings: inout [String]
    ) throws -> [Int] {
        let p = try kept.map { try univariatePValue(columns[$0], outcome, test) }
        let q = MultipleTesting.benjaminiHochberg(p)
        let order = kept.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var keep = order.filter { q[$0] <= fdr }
        if keep.isEmpty, let best = order.first {
            warnings.append(
                "selection.univariate: no feature reached q ≤ \(fdr); kept the single best (\(names[kept[best]]), p = \(p[best]))"
            )
            keep = [best]
        }
        if let maxFeatures, keep.count > maxFeatures { keep = Array(keep.prefix(maxFeatures)) }
        let keepSet = Set(keep)
        for t in kept.indices where !keepSet.contains(t) {
            removed.append(DroppedColumn(name: names[kept[t]], reason: "p = \(p[t]), q = \(q[t])"))
        }
        return keep.map { kept[$0] }.sorted()
    }

    static func univariatePValue(_ x: [Double], _ outcome: OutcomeValues, _ test: SelectionStep.UnivariateTest) throws
        -> Double
    {
        switch (outcome, test) {
        case (.binary(let y), .mannWhitney):
            return UnivariateTests.mannWhitney(
                x.indices.filter { y[$0] == 1 }.map { x[$0] }, x.indices.filter { y[$0] != 1 }.map { x[$0] }
            ).pValue
        case (.binary(let y), .welch):
            return UnivariateTests.welch(
                x.indices.filter { y[$0] == 1 }.map { x[$0] }, x.indices.filter { y[$0] != 1 }.map { x[$0] }
            ).pValue
        case (.survival(let t, let e), .cox):
            let s = SurvivalData(time: t, event: e.map { $0 == 1 })
            guard let fit = try? CoxRegression.fit(columns: [x], survival: s, ties: .efron) else { return 1 }
            return fit.pValues.first ?? 1
        default:
            throw RadVaultError.invalidInput(
                "selection.univariate.test: '\(test.rawValue)' does not fit this outcome (binary: mannWhitney or welch; survival: cox)"
            )
        }
    }
}
