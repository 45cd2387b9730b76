import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// RadVault's WGCNA against R's WGCNA 1.72.1 on planted modules (Fixtures/wgcna, made by
/// scripts/fixtures/radiogenomics/make_wgcna_fixtures.R with the settings stated there).
@Suite struct WGCNAFixtureTests {
    struct Loaded {
        var expression: ExpressionTable
        var traits: TraitTable
        var filtered: ExpressionTable
    }

    static func load() throws -> Loaded {
        let genes = try ExpressionTable.parse(try Fixture.bytes("wgcna/expression.csv"), source: "expression.csv")
        let traits = try TraitTable.parse(try Fixture.bytes("wgcna/traits.csv"), source: "traits.csv")
        let filter = try SampleGeneFilter(genes.values)
        let filtered = try genes.selecting(
            samples: Array(genes.samples.indices), genes: genes.genes.indices.filter { filter.goodGenes[$0] })
        return Loaded(expression: genes, traits: traits, filtered: filtered)
    }

    static func settings() -> RadiogenomicsSettings {
        var s = RadiogenomicsSettings()
        s.wgcna.minModuleSize = 20
        s.wgcna.deepSplit = 2
        s.wgcna.mergeCutHeight = 0.25
        s.gseaPermutations = 0
        return s
    }

    @Test func goodSamplesGenesDropsTheConstantGene() throws {
        let d = try Self.load()
        #expect(d.expression.genes.count == 400)
        #expect(d.filtered.genes.count == 399)
        #expect(!d.filtered.genes.contains("CONST1"))
        #expect(d.expression.missingCount == 8)
    }

    @Test func softThresholdMatchesR() throws {
        let d = try Self.load()
        let c = GeneCorrelation.correlationMatrix(d.filtered.values)
        let fits = SoftThreshold.fitIndices(
            correlation: c, powers: Array(1...10) + [12, 14, 16, 18, 20], signed: false)
        let expected = try Fixture.table("wgcna/soft_threshold.csv")
        #expect(fits.count == expected.rows.count)
        for (fit, row) in zip(fits, expected.rows) {
            #expect(fit.power == Int(row[0]))
            #expect(maxRelativeDifference([fit.scaleFreeRSquared], [Fixture.double(row[1])]) < 1e-8)
            #expect(maxRelativeDifference([fit.slope], [Fixture.double(row[2])]) < 1e-8)
            #expect(maxRelativeDifference([fit.truncatedRSquared], [Fixture.double(row[3])]) < 1e-8)
            #expect(maxRelativeDifference([fit.meanConnectivity], [Fixture.double(row[4])]) < 1e-10)
            #expect(maxRelativeDifference([fit.medianConnectivity], [Fixture.double(row[5])]) < 1e-10)
            #expect(maxRelativeDifference([fit.maxConnectivity], [Fixture.double(row[6])]) < 1e-10)
        }
        let power = Int(
            String(decoding: try Fixture.bytes("wgcna/power.txt"), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(SoftThreshold.powerEstimate(fits, rSquaredCut: 0.85) == power)
    }

    @Test func tomAndTreeMatchR() throws {
        let d = try Self.load()
        var c = GeneCorrelation.correlationMatrix(d.filtered.values)
        TopologicalOverlap.adjacencyInPlace(&c, power: 4, type: .unsigned)
        let diss = TopologicalOverlap.dissimilarity(consuming: &c, blockSize: 64)
        var worst = 0.0
        for row in try Fixture.table("wgcna/tom_sample.csv").rows {
            let i = (Int(row[0]) ?? 1) - 1
            let j = (Int(row[1]) ?? 1) - 1
            let tom = i == j ? 1 : 1 - diss[i, j]
            worst = max(worst, abs(tom - Fixture.double(row[2])))
        }
        #expect(worst < 1e-12, "max |ΔTOM| \(worst)")
        print("WGCNA fixture: max |Δ TOM| = \(worst)")
        var work = diss
        let tree = HierarchicalClustering.averageLinkage(&work)
        let expected = try Fixture.table("wgcna/tree.csv").rows
        #expect(tree.merge.count == expected.count)
        var sameMerges = true
        var worstH = 0.0
        for (k, row) in expected.enumerated() {
            if tree.merge[k] != (Int(row[0]) ?? 0, Int(row[1]) ?? 0) { sameMerges = false }
            worstH = max(worstH, abs(tree.height[k] - Fixture.double(row[2])))
        }
        #expect(sameMerges)
        #expect(worstH < 1e-12)
        print("WGCNA fixture: identical merges \(sameMerges), max |Δ height| = \(worstH)")
    }

    @Test func pipelineMatchesRModulesEigengenesKMEAndHubs() throws {
        let d = try Self.load()
        let result = try RadiogenomicsPipeline.run(
            genes: d.expression, traits: d.traits, genesets: nil, settings: Self.settings())
        let modules = try #require(result.modules)
        let expected = try Fixture.table("wgcna/modules.csv").rows
        #expect(modules.genes == expected.map { $0[0] })
        #expect(modules.power == 4)
        #expect(samePartition(modules.unmergedModules, expected.map { Int($0[1]) ?? -1 }))
        #expect(samePartition(modules.modules, expected.map { Int($0[2]) ?? -1 }))
        #expect(Set(modules.unmergedModules).count > Set(modules.modules).count, "the fixture exercises merging")
        let rLabel = Dictionary(
            zip(modules.modules, expected.map { Int($0[2]) ?? -1 }), uniquingKeysWith: { a, _ in a })
        try checkEigengenes(result, rLabel: rLabel)
        try checkKME(result, rLabel: rLabel)
        try checkHubs(result, rLabel: rLabel)
    }

    func checkEigengenes(_ result: RadiogenomicsResult, rLabel: [Int: Int], folder: String = "wgcna") throws {
        let me = try #require(result.eigengenes)
        let table = try Fixture.table("\(folder)/eigengenes.csv")
        var worst = 0.0
        for (m, module) in me.modules.enumerated() {
            let col = try #require(table.column(named: "ME\(rLabel[module] ?? -1)"))
            for (s, row) in table.rows.enumerated() {
                worst = max(worst, abs(me.values[m][s] - Fixture.double(row[col])))
            }
        }
        #expect(me.modules.count == table.header.count - 1)
        #expect(worst < 1e-6, "max |Δ eigengene| \(worst)")
        print("WGCNA fixture: max |Δ eigengene| = \(worst)")
    }

    func checkKME(_ result: RadiogenomicsResult, rLabel: [Int: Int], folder: String = "wgcna") throws {
        let kme = try #require(result.kME)
        let table = try Fixture.table("\(folder)/kme.csv")
        var worst = 0.0
        for (m, module) in kme.modules.enumerated() {
            let col = try #require(table.column(named: "kME\(rLabel[module] ?? -1)"))
            for (g, row) in table.rows.enumerated() {
                worst = max(worst, abs(kme.values[g][m] - Fixture.double(row[col])))
            }
        }
        #expect(worst < 1e-6, "max |Δ kME| \(worst)")
        print("WGCNA fixture: max |Δ kME| = \(worst)")
        var worstMT = 0.0
        for row in try Fixture.table("\(folder)/module_trait.csv").rows {
            let hit = result.moduleTrait.first { rLabel[$0.module] == Int(row[0]) && $0.trait == row[1] }
            let mt = try #require(hit)
            worstMT = max(worstMT, abs(mt.r - Fixture.double(row[2])))
            #expect(maxRelativeDifference([mt.p], [Fixture.double(row[3])]) < 1e-6)
        }
        #expect(worstMT < 1e-6)
        print("WGCNA fixture: max |Δ module–trait r| = \(worstMT)")
    }

    func checkHubs(_ result: RadiogenomicsResult, rLabel: [Int: Int], folder: String = "wgcna") throws {
        let expected = Set(try Fixture.table("\(folder)/hub_genes.csv").rows.map { "\($0[0])|\($0[1])|\($0[2])" })
        let ours = Set(result.hubGenes.compactMap { h in h.trait.map { "\(rLabel[h.module] ?? -1)|\($0)|\(h.gene)" } })
        #expect(!expected.isEmpty)
        #expect(ours == expected)
        print("WGCNA fixture: hub genes \(ours.count) (R \(expected.count)), identical \(ours == expected)")
    }

    @Test func pipelineIsDeterministic() throws {
        let d = try Self.load()
        var s = Self.settings()
        s.gseaPermutations = 50
        let sets = [GeneSet(name: "first", description: "", genes: Array(d.expression.genes.prefix(40)))]
        let a = try RadiogenomicsPipeline.run(genes: d.expression, traits: d.traits, genesets: sets, settings: s)
        let b = try RadiogenomicsPipeline.run(genes: d.expression, traits: d.traits, genesets: sets, settings: s)
        let pa = try a.canonicalParts()
        let pb = try b.canonicalParts()
        #expect(pa.map(\.name) == pb.map(\.name))
        for (x, y) in zip(pa, pb) { #expect(Digest.of(x.bytes) == Digest.of(y.bytes), "part \(x.name)") }
        #expect(!a.enrichment.gsea.isEmpty)
    }

    @Test func blasThreadCountDoesNotChangeTheResult() throws {
        let d = try Self.load()
        var one = Self.settings()
        one.blasThreads = 1
        var two = one
        two.blasThreads = 2
        let a = try RadiogenomicsPipeline.run(genes: d.expression, traits: d.traits, genesets: nil, settings: one)
        let b = try RadiogenomicsPipeline.run(genes: d.expression, traits: d.traits, genesets: nil, settings: two)
        for (x, y) in zip(try a.canonicalParts(), try b.canonicalParts()) {
            #expect(Digest.of(x.bytes) == Digest.of(y.bytes), "part \(x.name) with 1 and 2 BLAS threads")
        }
        BLASInfo.setThreads(1)
    }

    @Test func signedNetworkMatchesR() throws {
        let d = try Self.load()
        let c = GeneCorrelation.correlationMatrix(d.filtered.values)
        let fits = SoftThreshold.fitIndices(correlation: c, powers: Array(1...10) + [12, 14, 16, 18, 20], signed: true)
        let expected = try Fixture.table("wgcna/soft_threshold_signed.csv")
        for (fit, row) in zip(fits, expected.rows) {
            #expect(fit.power == Int(row[0]))
            #expect(maxRelativeDifference([fit.scaleFreeRSquared], [Fixture.double(row[1])]) < 1e-8)
            #expect(maxRelativeDifference([fit.meanConnectivity], [Fixture.double(row[4])]) < 1e-10)
        }
        var adj = c
        TopologicalOverlap.adjacencyInPlace(&adj, power: 12, type: .signed)
        let diss = TopologicalOverlap.dissimilarity(consuming: &adj)
        var worst = 0.0
        for row in try Fixture.table("wgcna/tom_signed_sample.csv").rows {
            let i = (Int(row[0]) ?? 1) - 1
            let j = (Int(row[1]) ?? 1) - 1
            worst = max(worst, abs((i == j ? 1 : 1 - diss[i, j]) - Fixture.double(row[2])))
        }
        #expect(worst < 1e-12, "max |ΔTOM| signed \(worst)")
    }
}
