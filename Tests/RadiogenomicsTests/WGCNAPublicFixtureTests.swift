import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// RadVault's WGCNA against R's WGCNA 1.72.1 on a public expression set: Bioconductor ALL
/// (Chiaretti et al. 2004; 300 most variable probes × 128 samples; Fixtures/wgcna_all, made by
/// scripts/fixtures/radiogenomics/make_wgcna_all_fixture.R with the settings stated there).
@Suite struct WGCNAPublicFixtureTests {
    @Test func pipelineMatchesROnALL() throws {
        let genes = try ExpressionTable.parse(
            try Fixture.bytes("wgcna_all/expression.csv"), source: "expression.csv",
            options: ExpressionReadOptions(orientation: .genesBySamples))
        let traits = try TraitTable.parse(try Fixture.bytes("wgcna_all/traits.csv"), source: "traits.csv")
        #expect(genes.genes.count == 300 && genes.samples.count == 128)
        var settings = WGCNAFixtureTests.settings()
        settings.wgcna.minModuleSize = 10
        let result = try RadiogenomicsPipeline.run(genes: genes, traits: traits, genesets: nil, settings: settings)
        let modules = try #require(result.modules)
        let power = String(decoding: try Fixture.bytes("wgcna_all/power.txt"), as: UTF8.self)
        #expect(modules.power == Int(power.trimmingCharacters(in: .whitespacesAndNewlines)))
        let expected = try Fixture.table("wgcna_all/modules.csv").rows
        #expect(modules.genes == expected.map { $0[0] })
        #expect(samePartition(modules.unmergedModules, expected.map { Int($0[1]) ?? -1 }))
        #expect(samePartition(modules.modules, expected.map { Int($0[2]) ?? -1 }))
        #expect(Set(modules.modules).count == 7)
        let rLabel = Dictionary(
            zip(modules.modules, expected.map { Int($0[2]) ?? -1 }), uniquingKeysWith: { a, _ in a })
        let checks = WGCNAFixtureTests()
        try checks.checkEigengenes(result, rLabel: rLabel, folder: "wgcna_all")
        try checks.checkKME(result, rLabel: rLabel, folder: "wgcna_all")
        try checks.checkHubs(result, rLabel: rLabel, folder: "wgcna_all")
    }
}
