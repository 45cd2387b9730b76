import Modeling

/// One over-representation test of a feature's significant genes in a gene set.
public struct EnrichmentRow: Sendable, Codable, Equatable {
    public var feature: String
    public var geneSet: String
    /// Measured genes of the set (its size within the universe).
    public var setSize: Int
    /// Significant genes of the feature (the draw).
    public var selected: Int
    /// Significant genes in the set.
    public var overlap: Int
    /// Upper-tail hypergeometric p = P(X ≥ overlap).
    public var p: Double
    /// BH q over the feature's tested sets.
    public var q: Double
    /// Overlapping genes, sorted.
    public var genes: [String]
}

/// Over-representation analysis: hypergeometric upper tail with the measured genes as the
/// universe (Rivals et al. 2007, Bioinformatics 23:401), BH across gene sets per feature.
public enum OverRepresentation {
    /// Tests each feature's selected genes against every gene set whose measured size lies in
    /// [minSize, maxSize]. Features with no selected gene give no rows.
    public static func analyse(
        selected: [String: Set<String>], features: [String], universe: [String], geneSets: [GeneSet],
        minSize: Int, maxSize: Int
    ) -> [EnrichmentRow] {
        let u = Set(universe)
        let sets = geneSets.map { gs in (gs.name, Set(gs.genes).intersection(u)) }
            .filter { $0.1.count >= minSize && $0.1.count <= maxSize }
        var out: [EnrichmentRow] = []
        for feature in features {
            guard let chosen = selected[feature]?.intersection(u), !chosen.isEmpty else { continue }
            var rows: [EnrichmentRow] = []
            for (name, members) in sets {
                let hits = members.intersection(chosen)
                let p = Hypergeometric.upperTail(
                    k: hits.count, population: u.count, successes: members.count, draws: chosen.count)
                rows.append(
                    EnrichmentRow(
                        feature: feature, geneSet: name, setSize: members.count, selected: chosen.count,
                        overlap: hits.count, p: p, q: .nan, genes: hits.sorted()))
            }
            let q = MultipleTesting.benjaminiHochberg(rows.map(\.p))
            for i in rows.indices { rows[i].q = q[i] }
            out += rows
        }
        return out
    }
}
