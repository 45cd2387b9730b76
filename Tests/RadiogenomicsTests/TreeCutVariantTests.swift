import LinearAlgebra
import Testing

@testable import Radiogenomics

/// The hybrid tree cut for every deepSplit and the PAM switches, against dynamicTreeCut 1.63.1
/// on the same R tree (Fixtures/wgcna/tree_cut_variants.csv).
@Suite struct TreeCutVariantTests {
    static let variants: [(String, TreeCutSettings)] = [
        ("ds0", TreeCutSettings(deepSplit: 0)),
        ("ds1", TreeCutSettings(deepSplit: 1)),
        ("ds2", TreeCutSettings(deepSplit: 2)),
        ("ds3", TreeCutSettings(deepSplit: 3)),
        ("ds4", TreeCutSettings(deepSplit: 4)),
        ("ds2_pam_free", TreeCutSettings(deepSplit: 2, pamRespectsDendro: false)),
        ("ds2_no_pam", TreeCutSettings(deepSplit: 2, pamStage: false)),
        ("ds3_min10", TreeCutSettings(minClusterSize: 10, deepSplit: 3)),
    ]

    @Test(arguments: 0..<variants.count)
    func partitionMatchesR(index: Int) throws {
        let (column, settings) = Self.variants[index]
        let d = try WGCNAFixtureTests.load()
        var c = GeneCorrelation.correlationMatrix(d.filtered.values)
        TopologicalOverlap.adjacencyInPlace(&c, power: 4, type: .unsigned)
        let diss = TopologicalOverlap.dissimilarity(consuming: &c)
        var work = diss
        let tree = HierarchicalClustering.averageLinkage(&work)
        let labels = try DynamicTreeCut.cutreeHybrid(dendrogram: tree, distances: diss, settings: settings)
        let table = try Fixture.table("wgcna/tree_cut_variants.csv")
        let col = try #require(table.column(named: column))
        let expected = table.rows.map { Int($0[col]) ?? -1 }
        #expect(samePartition(labels, expected), "variant \(column)")
        #expect(labels == expected, "labels ordered by size as R (variant \(column))")
    }
}
