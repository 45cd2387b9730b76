import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// Feature–gene correlations, p-values and BH q-values against scipy/statsmodels
/// (Fixtures/correlation, made by scripts/fixtures/radiogenomics/make_correlation_fixtures.py).
@Suite struct CorrelationFixtureTests {
    static func load() throws -> (ExpressionTable, TraitTable) {
        let genes = try ExpressionTable.parse(
            try Fixture.bytes("correlation/genes.csv"), source: "genes.csv",
            options: ExpressionReadOptions(orientation: .genesBySamples))
        let traits = try TraitTable.parse(try Fixture.bytes("correlation/features.csv"), source: "features.csv")
        return (genes, traits)
    }

    @Test(arguments: [CorrelationMethod.pearson, .spearman])
    func matchesScipy(method: CorrelationMethod) throws {
        let (genes, traits) = try Self.load()
        #expect(genes.samples == traits.subjects)
        let c = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: method)
        let expected = try Fixture.table("correlation/expected_\(method.rawValue).csv")
        #expect(expected.rows.count == traits.traits.count * genes.genes.count)
        var worstR = 0.0
        var worstP = 0.0
        var worstQ = 0.0
        for row in expected.rows {
            guard let f = c.features.firstIndex(of: row[0]), let g = c.genes.firstIndex(of: row[1]) else {
                Issue.record("unknown pair \(row[0]) \(row[1])")
                continue
            }
            worstR = max(worstR, abs(c.r[g, f] - Fixture.double(row[2])))
            worstP = max(worstP, maxRelativeDifference([c.p[g, f]], [Fixture.double(row[3])]))
            worstQ = max(worstQ, maxRelativeDifference([c.q[g, f]], [Fixture.double(row[4])]))
            #expect(Int(c.pairs[g + f * c.genes.count]) == Int(row[5]))
        }
        #expect(worstR < 1e-13)
        print("\(method): max |Δr| \(worstR), max rel Δp \(worstP), max rel Δq \(worstQ)")
        #expect(worstP < 1e-10, "max relative p difference \(worstP)")
        #expect(worstQ < 1e-10, "max relative q difference \(worstQ)")
    }

    @Test func significantPairsAreSortedAndThresholded() throws {
        let (genes, traits) = try Self.load()
        let c = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: .pearson)
        let pairs = c.significantPairs(fdr: 0.05)
        #expect(!pairs.isEmpty)
        #expect(pairs.allSatisfy { $0.q <= 0.05 })
        for (a, b) in zip(pairs, pairs.dropFirst()) where a.feature == b.feature {
            #expect(a.q <= b.q)
        }
    }

    @Test(arguments: [0.05, 0.2, 0.6])
    func boundedPValuesGiveTheSameSignificantPairs(alpha: Double) throws {
        let (genes, traits) = try Self.load()
        let full = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: .pearson)
        let bounded = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: .pearson, pValuesUpTo: alpha)
        #expect(full.significantPairs(fdr: alpha) == bounded.significantPairs(fdr: alpha))
        #expect(!full.significantPairs(fdr: alpha).isEmpty)
        for k in full.p.storage.indices where full.p.storage[k] <= alpha {
            #expect(bounded.p.storage[k] == full.p.storage[k])
        }
        #expect(bounded.p.storage.contains { $0.isNaN })
    }

    @Test(arguments: [0.05, 0.2, 0.6])
    func significantOnlyGivesTheSameSignificantPairs(alpha: Double) throws {
        let (genes, traits) = try Self.load()
        let full = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: .pearson)
        let fast = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: genes.values, geneNames: genes.genes,
            method: .pearson, pValuesUpTo: alpha, significantOnly: true)
        #expect(full.significantPairs(fdr: alpha) == fast.significantPairs(fdr: alpha))
        #expect(!full.significantPairs(fdr: alpha).isEmpty)
        for k in fast.q.storage.indices where !fast.q.storage[k].isNaN {
            #expect(fast.q.storage[k] == full.q.storage[k] && fast.p.storage[k] == full.p.storage[k])
        }
    }

    @Test func significantOnlyWithMissingValuesFallsBack() throws {
        let (genes, traits) = try Self.load()
        var x = genes.values
        x[0, 0] = .nan
        x[3, 2] = .nan
        let full = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: x, geneNames: genes.genes, method: .pearson)
        let fast = try FeatureGeneCorrelation.compute(
            features: traits.values, featureNames: traits.traits, genes: x, geneNames: genes.genes, method: .pearson,
            pValuesUpTo: 0.2, significantOnly: true)
        #expect(full.significantPairs(fdr: 0.2) == fast.significantPairs(fdr: 0.2))
    }
}
