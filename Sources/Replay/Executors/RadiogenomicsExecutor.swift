import Foundation
import LinearAlgebra
import Modeling
import RadVaultCore
import Radiogenomics

/// `radiogenomics`: an expression table and radiomic traits (a feature table or radscores),
/// optional gene sets and settings → correlations with FDR, enrichment and WGCNA results.
///
/// Inputs: `genes` (CSV/TSV expression table), exactly one of `features` (canonical
/// `radvault.features/1` or a wide CSV/TSV) or `scores` (a `score` run's output; the trait is
/// `radscore`), optional `genesets` (GMT). Params: radiogenomics settings YAML. Outputs: one
/// canonical JSON artifact per part of `RadiogenomicsResult` (`correlations`, `enrichment`,
/// `modules`, `eigengenes`, `module_trait`, `kme`, `hub_genes`, `warnings`; the WGCNA parts
/// only when WGCNA ran) plus `decisions`, the discrete calls keyed by feature and gene so that a
/// replay names the gene that crossed the FDR cut or changed module.
public struct RadiogenomicsExecutor: Executor {
    public let kind = "radiogenomics"
    public let name = "radvault-radiogenomics"
    /// 2: thread-count-invariant blocked BLAS, tabulated correlation p-values, Loader's
    /// hypergeometric tail (last bits differ from 1).
    /// 3: `decisions.top_hubs` holds each top-k hub's |kME| margin over the first gene outside
    /// the top k (was its rank), so a top hub that moves is reported with its distance to the cut.
    public let version = "3"
    /// Correlations are GEMMs through OpenBLAS (kernel-dependent last bits, DESIGN.md:
    /// "up to 4e-16" across kernels) and WGCNA iterates on them, so allow a small drift.
    public let tolerance = Tolerance(absolute: 1e-10, relative: 1e-8)

    /// Margins are stored relative to the run's own cuts (q − fdr, |kME| − minKME), so the
    /// rules' thresholds are 0 whatever the settings, and the distance is the margin.
    public var decisions: [DecisionRule] {
        [
            .listed(
                "fdr_significant", output: "decisions", members: "significant.*.*", scores: "significant.*.*",
                .lessOrEqual, 0),
            .listed(
                "hub_gene", output: "decisions", members: "hubs.*.*.*", scores: "hubs.*.*.*", .greaterOrEqual, 0),
            .listed(
                "top_hub", output: "decisions", members: "top_hubs.*.*", scores: "top_hubs.*.*", .greaterOrEqual, 0),
            .label("module", output: "decisions", labels: "modules.*"),
        ]
    }

    public init() {}

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        guard let paramText = String(data: params, encoding: .utf8) else {
            throw RadVaultError.invalidInput("radiogenomics params: expected UTF-8 YAML text")
        }
        let settings = try RadiogenomicsSettings.parseYAML(paramText, source: "radiogenomics params")
        // Why first: BLAS results depend on the thread count (DESIGN.md), so never inherit it.
        BLASInfo.setThreads(settings.blasThreads)
        guard let geneBytes = inputs["genes"] else {
            throw RadVaultError.invalidInput("radiogenomics: input 'genes' is missing; expected an expression table")
        }
        let genes = try ExpressionTable.parse([UInt8](geneBytes), source: "genes", options: settings.expression)
        let traits = try Self.traits(inputs)
        let genesets = try inputs["genesets"].map { try GeneSet.parseGMT([UInt8]($0), source: "genesets") }
        let result = try RadiogenomicsPipeline.run(
            genes: genes, traits: traits, genesets: genesets, settings: settings)
        var out: [String: Data] = [:]
        for part in try result.canonicalParts() { out[part.name] = Data(part.bytes) }
        out["decisions"] = Data(CanonicalJSON.bytes(Self.decisions(result, settings: settings)))
        return out
    }

    /// The trait table: the feature table's columns, or the radscore of a `score` output.
    static func traits(_ inputs: [String: Data]) throws -> TraitTable {
        switch (inputs["features"], inputs["scores"]) {
        case (_?, nil):
            let table = try ModelExecutor.features(inputs, role: "features")
            let values = try Matrix(
                rows: table.subjects.count, columns: table.features.count, columnMajor: table.columns.flatMap { $0 })
            return try TraitTable(subjects: table.subjects, traits: table.features, values: values)
        case (nil, let scores?):
            let rows = try ScoreExecutor.parse(scores)
            let values = try Matrix(rows: rows.count, columns: 1, columnMajor: rows.map(\.radscore))
            return try TraitTable(subjects: rows.map(\.subject), traits: ["radscore"], values: values)
        case (_?, _?):
            throw RadVaultError.invalidInput("radiogenomics: give either 'features' or 'scores' as traits, not both")
        case (nil, nil):
            throw RadVaultError.invalidInput(
                "radiogenomics: no traits; expected a 'features' table or the 'scores' of a model")
        }
    }

    /// Discrete calls: significant pairs as `{feature: {gene: q − fdr}}`, hub genes as
    /// `{module: {trait: {gene: min(|kME| − a, |GS| − b)}}}` (the margin to either cut), the
    /// top-k genes per module by |kME| as `{module: {gene: margin}}` (see `topHubMargins`), and
    /// each gene's module.
    static func decisions(_ result: RadiogenomicsResult, settings: RadiogenomicsSettings) -> JSONValue {
        var significant: [String: [String: JSONValue]] = [:]
        for p in result.correlations.significant {
            significant[p.feature, default: [:]][p.gene] = .number(p.q - settings.fdr)
        }
        var hubs: [String: [String: [String: JSONValue]]] = [:]
        for h in result.hubGenes {
            if let trait = h.trait, let gs = h.gs {
                let margin = min(abs(h.kME) - settings.wgcna.hubMinKME, abs(gs) - settings.wgcna.hubMinGS)
                hubs[String(h.module), default: [:]][trait, default: [:]][h.gene] = .number(margin)
            }
        }
        let top = topHubMargins(result, k: settings.wgcna.topHubsPerModule)
        var modules: [String: JSONValue] = [:]
        if let m = result.modules {
            for (g, label) in zip(m.genes, m.modules) { modules[g] = .int(Int64(label)) }
        }
        return .object([
            "format": .string("radvault.radiogenomics-decisions/1"),
            "significant": .object(significant.mapValues { .object($0) }),
            "hubs": .object(hubs.mapValues { .object($0.mapValues { .object($0) }) }),
            "top_hubs": .object(top.mapValues { .object($0) }),
            "modules": .object(modules),
        ])
    }

    /// Each top-k hub's margin `|kME| − |kME of the (k+1)-th gene|` in its module, ranked as
    /// `ModuleTraitAnalysis.hubGenes` ranks them (|kME| descending, ties by name); 0 stands in
    /// for the (k+1)-th gene of a module with k genes or fewer. `{module: {gene: margin}}`.
    static func topHubMargins(_ result: RadiogenomicsResult, k: Int) -> [String: [String: JSONValue]] {
        guard let kme = result.kME, let assignment = result.modules, k > 0 else { return [:] }
        var rows: [String: [Double]] = [:]
        for (gene, row) in zip(kme.genes, kme.values) where rows[gene] == nil { rows[gene] = row }
        var top: [String: [String: JSONValue]] = [:]
        for (mi, module) in kme.modules.enumerated() {
            var ranked: [(gene: String, value: Double)] = []
            for (gene, label) in zip(assignment.genes, assignment.modules) where label == module {
                if let row = rows[gene], mi < row.count { ranked.append((gene, abs(row[mi]))) }
            }
            ranked.sort { $0.value != $1.value ? $0.value > $1.value : $0.gene < $1.gene }
            let cut = ranked.count > k ? ranked[k].value : 0
            for h in ranked.prefix(k) { top[String(module), default: [:]][h.gene] = .number(h.value - cut) }
        }
        return top
    }
}
