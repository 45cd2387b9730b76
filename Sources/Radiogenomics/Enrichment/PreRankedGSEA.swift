import RadVaultCore

/// One pre-ranked GSEA result.
public struct GSEARow: Sendable, Codable, Equatable {
    public var feature: String
    public var geneSet: String
    public var setSize: Int
    public var es: Double
    public var nes: Double
    /// Nominal p: share of same-signed null ES at least as extreme.
    public var p: Double
    /// FDR q as in Subramanian et al. 2005 (NES null over all sets).
    public var fdr: Double
}

/// Pre-ranked gene set enrichment analysis (Subramanian et al. 2005, PNAS 102:15545): genes
/// ranked by their correlation with the feature; weighted Kolmogorov–Smirnov running sum
/// (weight |r|^1); null from permutations of the gene labels (one permutation shared by all
/// sets, from the run's SeededGenerator); NES = ES / mean of same-signed null ES; nominal p;
/// FDR from the NES null distribution pooled over sets.
public enum PreRankedGSEA {
    /// Runs GSEA for one feature. `scores` are per gene (NaN genes are dropped).
    public static func analyse(
        feature: String, genes: [String], scores: [Double], geneSets: [GeneSet], minSize: Int, maxSize: Int,
        permutations: Int, generator: inout SeededGenerator
    ) -> [GSEARow] {
        let kept = genes.indices.filter { !scores[$0].isNaN }
        let order = kept.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && genes[$0] < genes[$1]) }
        let weights = order.map { abs(scores[$0]) }
        var position: [String: Int] = [:]
        for (pos, g) in order.enumerated() { position[genes[g]] = pos }
        let sets = geneSets.compactMap { gs -> (String, [Int])? in
            let pos = Array(Set(gs.genes.compactMap { position[$0] })).sorted()
            return pos.count >= minSize && pos.count <= maxSize ? (gs.name, pos) : nil
        }
        guard !sets.isEmpty, permutations > 0 else { return [] }
        let observed = sets.map { enrichmentScore(hits: $0.1, weights: weights) }
        var null = Array(repeating: [Double](), count: sets.count)
        for _ in 0..<permutations {
            let perm = generator.permutation(order.count)
            for (s, set) in sets.enumerated() {
                let hits = set.1.map { perm[$0] }.sorted()
                null[s].append(enrichmentScore(hits: hits, weights: weights))
            }
        }
        return normalise(feature: feature, sets: sets, observed: observed, null: null)
    }

    /// Weighted KS enrichment score: the running sum's maximum deviation from zero.
    static func enrichmentScore(hits: [Int], weights: [Double]) -> Double {
        runningSum(hits: hits, weights: weights).es
    }

    /// The enrichment score and the rank position where the running sum reaches it (a hit for
    /// a positive ES, the miss just before a hit for a negative one). `hits` are sorted ranks.
    static func runningSum(hits: [Int], weights: [Double]) -> (es: Double, peak: Int) {
        let n = weights.count
        let nh = hits.count
        guard nh > 0, nh < n else { return (0, -1) }
        var nr = 0.0
        for h in hits { nr += weights[h] }
        let missStep = 1 / Double(n - nh)
        var running = 0.0
        var best = 0.0
        var peak = -1
        var previous = -1
        for h in hits {
            running -= Double(h - previous - 1) * missStep
            if abs(running) > abs(best) { (best, peak) = (running, h - 1) }
            running += nr > 0 ? weights[h] / nr : 1 / Double(nh)
            if abs(running) > abs(best) { (best, peak) = (running, h) }
            previous = h
        }
        return (best, peak)
    }

    /// The enrichment score and leading-edge genes of one set (Subramanian et al. 2005): the
    /// set's genes ranked at or before the running sum's peak when ES > 0, at or after it when
    /// ES < 0, in rank order. Ranking as `analyse` (scores descending, NaN dropped, ties by name).
    public static func leadingEdge(genes: [String], scores: [Double], geneSet: GeneSet) -> (es: Double, genes: [String])
    {
        let kept = genes.indices.filter { !scores[$0].isNaN }
        let order = kept.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && genes[$0] < genes[$1]) }
        var position: [String: Int] = [:]
        for (pos, g) in order.enumerated() { position[genes[g]] = pos }
        let hits = Array(Set(geneSet.genes.compactMap { position[$0] })).sorted()
        let (es, peak) = runningSum(hits: hits, weights: order.map { abs(scores[$0]) })
        let edge = hits.filter { es > 0 ? $0 <= peak : $0 >= peak }
        return (es, es == 0 ? [] : edge.map { genes[order[$0]] })
    }

    static func normalise(feature: String, sets: [(String, [Int])], observed: [Double], null: [[Double]])
        -> [GSEARow]
    {
        var rows: [GSEARow] = []
        var nullNES: [Double] = []
        var observedNES: [Double] = []
        for s in sets.indices {
            let pos = null[s].filter { $0 >= 0 }
            let neg = null[s].filter { $0 < 0 }
            let mPos = pos.isEmpty ? Double.nan : pos.reduce(0, +) / Double(pos.count)
            let mNeg = neg.isEmpty ? Double.nan : -neg.reduce(0, +) / Double(neg.count)
            let es = observed[s]
            let nes = es >= 0 ? es / mPos : es / mNeg
            let same = es >= 0 ? pos : neg
            let extreme = same.filter { es >= 0 ? $0 >= es : $0 <= es }.count
            let p = same.isEmpty ? Double.nan : Double(extreme) / Double(same.count)
            nullNES += pos.map { $0 / mPos } + neg.map { $0 / mNeg }
            observedNES.append(nes)
            rows.append(
                GSEARow(
                    feature: feature, geneSet: sets[s].0, setSize: sets[s].1.count, es: es, nes: nes, p: p, fdr: .nan))
        }
        for i in rows.indices {
            let nes = rows[i].nes
            guard !nes.isNaN else { continue }
            let positive = nes >= 0
            let nullSame = nullNES.filter { positive ? $0 >= 0 : $0 < 0 }
            let obsSame = observedNES.filter { positive ? $0 >= 0 : $0 < 0 }
            let nullFrac =
                Double(nullSame.filter { positive ? $0 >= nes : $0 <= nes }.count) / Double(max(1, nullSame.count))
            let obsFrac =
                Double(obsSame.filter { positive ? $0 >= nes : $0 <= nes }.count) / Double(max(1, obsSame.count))
            rows[i].fdr = obsFrac > 0 ? min(1, nullFrac / obsFrac) : 1
        }
        return rows
    }
}
