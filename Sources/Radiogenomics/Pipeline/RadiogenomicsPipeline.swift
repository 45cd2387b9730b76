import LinearAlgebra
import RadVaultCore

/// The radiogenomics analysis: a pure function of the expression table, the trait table
/// (radiomic features or a radscore), optional gene sets and the settings.
public enum RadiogenomicsPipeline {
    /// Fewer samples than this draws WGCNA's warning (WGCNA FAQ: "we do not recommend
    /// attempting WGCNA on a data set consisting of fewer than 15 samples").
    public static let recommendedMinimumSamples = 15

    /// Runs correlation + FDR, enrichment (when gene sets are given) and WGCNA (when enabled).
    public static func run(
        genes: ExpressionTable, traits: TraitTable, genesets: [GeneSet]?, settings: RadiogenomicsSettings
    ) throws -> RadiogenomicsResult {
        try settings.validate(source: "settings")
        BLASInfo.setThreads(settings.blasThreads)
        var warnings = genes.warnings
        let (exprIdx, traitIdx, matchWarnings) = try SampleMatching.match(
            expression: genes.samples, traits: traits.subjects)
        warnings += matchWarnings
        let prepared = try PreparedData(
            genes: genes, traits: traits, exprIdx: exprIdx, traitIdx: traitIdx, settings: settings)
        warnings += prepared.warnings
        let x = prepared.expression
        let t = prepared.traits
        let corr = try FeatureGeneCorrelation.compute(
            features: t.values, featureNames: t.traits, genes: x.values, geneNames: x.genes,
            method: settings.correlationMethod, pValuesUpTo: settings.fdr, significantOnly: true)
        let pairs = corr.significantPairs(fdr: settings.fdr, minAbsR: settings.minAbsR)
        let correlations = CorrelationPart(
            method: settings.correlationMethod, fdr: settings.fdr, samples: x.samples.count, features: t.traits.count,
            genes: x.genes.count, significant: pairs)
        let enrichment = enrich(corr: corr, pairs: pairs, genesets: genesets, settings: settings)
        var result = RadiogenomicsResult(
            correlations: correlations, enrichment: enrichment, modules: nil, eigengenes: nil, moduleTrait: [],
            kME: nil, hubGenes: [], warnings: warnings)
        if settings.wgcnaEnabled { try addWGCNA(&result, x: x, t: t, settings: settings.wgcna) }
        return result
    }

    static func enrich(
        corr: FeatureGeneCorrelation, pairs: [CorrelationPair], genesets: [GeneSet]?, settings: RadiogenomicsSettings
    ) -> EnrichmentPart {
        guard let genesets, !genesets.isEmpty else { return EnrichmentPart(overRepresentation: [], gsea: []) }
        var selected: [String: Set<String>] = [:]
        for p in pairs { selected[p.feature, default: []].insert(p.gene) }
        let ora = OverRepresentation.analyse(
            selected: selected, features: corr.features, universe: corr.genes, geneSets: genesets,
            minSize: settings.minSetSize, maxSize: settings.maxSetSize)
        var gsea: [GSEARow] = []
        if settings.gseaPermutations > 0 {
            var rng = SeededGenerator(seed: settings.seed)
            for (f, feature) in corr.features.enumerated() {
                gsea += PreRankedGSEA.analyse(
                    feature: feature, genes: corr.genes, scores: corr.r.column(f), geneSets: genesets,
                    minSize: settings.minSetSize, maxSize: settings.maxSetSize, permutations: settings.gseaPermutations,
                    generator: &rng)
            }
        }
        return EnrichmentPart(overRepresentation: ora, gsea: gsea)
    }

    static func addWGCNA(
        _ result: inout RadiogenomicsResult, x: ExpressionTable, t: TraitTable, settings: WGCNASettings
    ) throws {
        let net = try WGCNANetwork.build(expression: x.values, settings: settings)
        result.warnings += net.warnings
        if net.eigengenes.imputedValues > 0 {
            result.warnings.append(
                "wgcna: \(net.eigengenes.imputedValues) missing values imputed by k-nearest neighbours (k = 10) "
                    + "before eigengenes, as moduleEigengenes(impute = TRUE)")
        }
        let me = net.eigengenes
        result.modules = ModuleAssignmentPart(
            power: net.power, powerEstimate: net.powerEstimate, softThreshold: net.fits, genes: x.genes,
            unmergedModules: net.unmergedLabels, modules: net.labels)
        result.eigengenes = EigengenePart(
            samples: x.samples, modules: me.modules, values: me.modules.indices.map { me.eigengenes.column($0) },
            varianceExplained: me.varianceExplained)
        result.moduleTrait = ModuleTraitAnalysis.moduleTrait(eigengenes: me, traits: t.values, traitNames: t.traits)
        let kme = ModuleTraitAnalysis.kME(expression: x.values, eigengenes: me)
        result.kME = KMEPart(genes: x.genes, modules: me.modules, values: x.genes.indices.map { kme.row($0) })
        let gs = ModuleTraitAnalysis.geneSignificance(expression: x.values, traits: t.values)
        result.hubGenes = ModuleTraitAnalysis.hubGenes(
            genes: x.genes, labels: net.labels, modules: me.modules, kME: kme, gs: gs, traitNames: t.traits,
            minKME: settings.hubMinKME, minGS: settings.hubMinGS, topK: settings.topHubsPerModule)
    }
}
