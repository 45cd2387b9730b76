import LinearAlgebra
import RadVaultCore

/// Expression and traits restricted to shared samples and filtered like goodSamplesGenes,
/// with the warnings that explain what was dropped.
struct PreparedData {
    var expression: ExpressionTable
    var traits: TraitTable
    var warnings: [String] = []

    init(genes: ExpressionTable, traits: TraitTable, exprIdx: [Int], traitIdx: [Int], settings: RadiogenomicsSettings)
        throws
    {
        let matched = try genes.selecting(samples: exprIdx, genes: Array(genes.genes.indices))
        let missing = matched.missingCount
        if missing > 0 {
            warnings.append(
                "\(missing) missing expression values: correlations use pairwise-complete observations "
                    + "(R's use = \"p\"); eigengenes use k-NN imputation (impute.knn, k = 10)")
        }
        let filter = try SampleGeneFilter(matched.values, minFraction: settings.wgcna.minFraction)
        let badGenes = matched.genes.indices.filter { !filter.goodGenes[$0] }
        let constant = badGenes.filter { j in Self.isConstant((0..<matched.values.rows).map { matched.values[$0, j] }) }
        if !badGenes.isEmpty {
            let names = badGenes.prefix(5).map { matched.genes[$0] }.joined(separator: ", ")
            warnings.append(
                "\(badGenes.count) genes removed as goodSamplesGenes does (\(constant.count) constant, "
                    + "\(badGenes.count - constant.count) missing in too many samples), e.g. \(names)")
        }
        let keepSamples = matched.samples.indices.filter { filter.goodSamples[$0] }
        if keepSamples.count < matched.samples.count {
            let dropped = matched.samples.indices.filter { !filter.goodSamples[$0] }.map { matched.samples[$0] }
            warnings.append(
                "\(dropped.count) samples removed (missing too many genes), e.g. "
                    + dropped.prefix(3).joined(separator: ", "))
        }
        if keepSamples.count < RadiogenomicsPipeline.recommendedMinimumSamples {
            warnings.append(
                "only \(keepSamples.count) samples: WGCNA is not recommended with fewer than "
                    + "\(RadiogenomicsPipeline.recommendedMinimumSamples) samples (WGCNA FAQ); results will be noisy")
        }
        expression = try matched.selecting(
            samples: keepSamples, genes: matched.genes.indices.filter { filter.goodGenes[$0] })
        var tv = Matrix(rows: keepSamples.count, columns: traits.traits.count)
        for (ii, i) in keepSamples.enumerated() {
            for c in 0..<traits.traits.count { tv[ii, c] = traits.values[traitIdx[i], c] }
        }
        self.traits = try TraitTable(subjects: expression.samples, traits: traits.traits, values: tv)
    }

    static func isConstant(_ v: [Double]) -> Bool {
        let present = v.filter { !$0.isNaN }
        guard let first = present.first else { return true }
        return present.allSatisfy { $0 == first }
    }
}
