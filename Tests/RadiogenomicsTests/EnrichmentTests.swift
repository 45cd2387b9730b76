import RadVaultCore
import Testing

@testable import Radiogenomics

/// Over-representation and pre-ranked GSEA on hand-built examples.
@Suite struct EnrichmentTests {
    let universe = (0..<100).map { "G\($0)" }

    @Test func overRepresentationCountsAndTail() {
        let sets = [
            GeneSet(name: "hit", description: "", genes: (0..<10).map { "G\($0)" } + ["NOT_MEASURED"]),
            GeneSet(name: "tiny", description: "", genes: ["G50", "G51"]),
            GeneSet(name: "miss", description: "", genes: (60..<80).map { "G\($0)" }),
        ]
        let selected = ["f": Set((0..<20).map { "G\($0)" })]
        let rows = OverRepresentation.analyse(
            selected: selected, features: ["f", "g"], universe: universe, geneSets: sets, minSize: 5, maxSize: 500)
        #expect(rows.map(\.geneSet) == ["hit", "miss"])
        #expect(rows[0].setSize == 10 && rows[0].overlap == 10 && rows[0].selected == 20)
        // P(X >= 10) for a draw of 20 from 100 with 10 marked = C(20,10)/C(100,10) (scipy: 1.0673177187555403e-08).
        #expect(maxRelativeDifference([rows[0].p], [1.0673177187555403e-08]) < 1e-9)
        #expect(rows[1].overlap == 0 && rows[1].p == 1)
        #expect(rows[0].q == rows[0].p * 2)
    }

    @Test func enrichmentScoreOfATopSetIsOne() {
        let weights = Array(repeating: 1.0, count: 10)
        #expect(PreRankedGSEA.enrichmentScore(hits: [0, 1, 2], weights: weights) == 1)
        #expect(abs(PreRankedGSEA.enrichmentScore(hits: [7, 8, 9], weights: weights) + 1) < 1e-15)
    }

    @Test func gseaFindsAPlantedSetAndIsSeeded() {
        let scores = (0..<100).map { Double(100 - $0) / 100 }
        let sets = [
            GeneSet(name: "top", description: "", genes: (0..<15).map { "G\($0)" }),
            GeneSet(name: "spread", description: "", genes: stride(from: 0, to: 100, by: 7).map { "G\($0)" }),
        ]
        var rng1 = SeededGenerator(seed: 11)
        var rng2 = SeededGenerator(seed: 11)
        let a = PreRankedGSEA.analyse(
            feature: "f", genes: universe, scores: scores, geneSets: sets, minSize: 5, maxSize: 500, permutations: 200,
            generator: &rng1)
        let b = PreRankedGSEA.analyse(
            feature: "f", genes: universe, scores: scores, geneSets: sets, minSize: 5, maxSize: 500, permutations: 200,
            generator: &rng2)
        #expect(a == b)
        #expect(a[0].es > 0.9 && a[0].nes > 1 && a[0].p < 0.01 && a[0].fdr < 0.05)
        #expect(a[1].p > 0.05)
    }
}

/// Pre-ranked GSEA against gseapy 1.3.1 `prerank` (Fixtures/gsea, made by
/// scripts/fixtures/radiogenomics/make_gsea_fixture.py): enrichment scores and leading edges are
/// deterministic and compared exactly; NES and nominal p come from permutations drawn by each
/// tool's own RNG, so they are compared only within Monte-Carlo error.
@Suite struct GSEAFixtureTests {
    @Test func matchesGseapy() throws {
        let table = try Fixture.table("gsea/scores.csv")
        let genes = table.rows.map { $0[0] }
        let scores = table.rows.map { Fixture.double($0[1]) }
        let sets = try GeneSet.parseGMT(try Fixture.bytes("gsea/sets.gmt"), source: "sets.gmt")
        let expected = try Fixture.table("gsea/expected.csv").rows
        #expect(expected.count == sets.count)
        var generator = SeededGenerator(seed: 7)
        let rows = PreRankedGSEA.analyse(
            feature: "f", genes: genes, scores: scores, geneSets: sets, minSize: 5, maxSize: 500,
            permutations: 1000, generator: &generator)
        var worstES = 0.0
        var worstNES = 0.0
        for reference in expected {
            let set = try #require(sets.first { $0.name == reference[0] })
            let row = try #require(rows.first { $0.geneSet == reference[0] })
            let (es, edge) = PreRankedGSEA.leadingEdge(genes: genes, scores: scores, geneSet: set)
            #expect(es == row.es)
            worstES = max(worstES, maxRelativeDifference([row.es], [Fixture.double(reference[1])]))
            // gseapy lists a negative set's leading edge from the bottom of the ranking up.
            let referenceEdge = reference[5].split(separator: ";").map(String.init)
            #expect(edge == (es < 0 ? referenceEdge.reversed() : referenceEdge), "\(reference[0])")
            worstNES = max(worstNES, maxRelativeDifference([row.nes], [Fixture.double(reference[2])]))
            // Nominal p within Monte-Carlo error of 1,000 permutations (sd ≤ 0.016 at p = 0.5).
            #expect(abs(row.p - Fixture.double(reference[3])) < 0.08, "\(reference[0]) p \(row.p)")
        }
        print("GSEA vs gseapy: max relative ES difference \(worstES), max relative NES difference \(worstNES)")
        #expect(worstES < 1e-12)
        #expect(worstNES < 0.1)
    }
}
