import LinearAlgebra
import Modeling

/// Relating modules to traits: module–trait correlations with Student p-values
/// (`WGCNA::corPvalueStudent`), module membership kME (`signedKME`), gene significance GS,
/// and hub genes.
public enum ModuleTraitAnalysis {
    /// Module–trait rows for every (module, trait), modules ascending then traits in order.
    public static func moduleTrait(eigengenes me: ModuleEigengenes, traits: Matrix, traitNames: [String])
        -> [ModuleTraitRow]
    {
        var rows: [ModuleTraitRow] = []
        for (mi, module) in me.modules.enumerated() {
            for (t, name) in traitNames.enumerated() {
                let (r, n) = CorrelationKernel.pairwise(me.eigengenes.column(mi), traits.column(t), method: .pearson)
                rows.append(
                    ModuleTraitRow(
                        module: module, trait: name, r: r, p: Correlation.pValue(r: r, n: n), n: n))
            }
        }
        return rows
    }

    /// genes × modules kME = cor(gene, ME), pairwise-complete.
    public static func kME(expression: Matrix, eigengenes me: ModuleEigengenes) -> Matrix {
        GeneCorrelation.crossCorrelation(expression, me.eigengenes)
    }

    /// genes × traits GS = cor(gene, trait), pairwise-complete.
    public static func geneSignificance(expression: Matrix, traits: Matrix) -> Matrix {
        GeneCorrelation.crossCorrelation(expression, traits)
    }

    /// Hub genes: in each module, genes with |kME(own module)| ≥ minKME and, per trait,
    /// |GS| ≥ minGS; plus the top `topK` genes of each module by |kME| (ties by gene name).
    public static func hubGenes(
        genes: [String], labels: [Int], modules: [Int], kME: Matrix, gs: Matrix, traitNames: [String],
        minKME: Double, minGS: Double, topK: Int
    ) -> [HubGene] {
        var out: [HubGene] = []
        for (mi, module) in modules.enumerated() {
            let members = labels.indices.filter { labels[$0] == module }
            let ranked = members.sorted {
                let (a, b) = (abs(kME[$0, mi]), abs(kME[$1, mi]))
                return a != b ? a > b : genes[$0] < genes[$1]
            }
            for (rank, g) in ranked.enumerated() {
                let k = kME[g, mi]
                for (t, trait) in traitNames.enumerated() where abs(k) >= minKME && abs(gs[g, t]) >= minGS {
                    out.append(
                        HubGene(module: module, gene: genes[g], kME: k, trait: trait, gs: gs[g, t], rank: rank + 1))
                }
                if rank < topK {
                    out.append(HubGene(module: module, gene: genes[g], kME: k, trait: nil, gs: nil, rank: rank + 1))
                }
            }
        }
        return out
    }
}

/// One module–trait correlation.
public struct ModuleTraitRow: Sendable, Codable, Equatable {
    public var module: Int
    public var trait: String
    public var r: Double
    public var p: Double
    /// Complete samples used.
    public var n: Int
}

/// A hub gene: by thresholds for a trait (`trait` set) or among the module's top-k by |kME|.
public struct HubGene: Sendable, Codable, Equatable {
    public var module: Int
    public var gene: String
    public var kME: Double
    public var trait: String?
    public var gs: Double?
    /// 1-based rank of the gene's |kME| within its module.
    public var rank: Int
}
