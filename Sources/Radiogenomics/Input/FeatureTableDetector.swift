import RadVaultCore

/// Recognises a radiomic feature table passed where an expression table was expected.
///
/// Why: the two files look alike (an ID column and numbers); a swapped argument would
/// otherwise run silently and correlate features with features. Signals: identifiers that
/// look like PyRadiomics names (`original_glcm_Contrast`, `wavelet-LLH_…`) or IBSI/RadVault
/// tags (`cm_joint_max`, `morph_volume`), or too few genes to be a transcriptome.
enum FeatureTableDetector {
    static let radiomicMarkers = [
        "original_", "wavelet", "log-sigma", "firstorder", "glcm", "glrlm", "glszm", "gldm", "gldzm", "ngtdm", "ngldm",
        "shape_", "diagnostics_", "morph_", "stat_", "ih_", "ivh_", "cm_", "rlm_", "szm_", "dzm_", "ngt_", "ngl_",
        "loc_", "intensity_", "radscore",
    ]
    /// Below this many genes a table cannot be a transcriptome for WGCNA or enrichment.
    static let minimumGenes = 20

    static func looksRadiomic(_ id: String) -> Bool {
        let lower = id.lowercased()
        return radiomicMarkers.contains { lower.hasPrefix($0) || lower.contains("_" + $0) }
    }

    /// Throws when the row identifiers or the column names are mostly radiomic feature names,
    /// or when there are too few genes.
    static func check(rowIDs: [String], columnNames: [String], geneCount: Int, sampleCount: Int, source: String)
        throws
    {
        for (ids, what) in [(columnNames, "column names"), (rowIDs, "row identifiers")] {
            let radiomic = ids.filter(looksRadiomic)
            guard !ids.isEmpty, radiomic.count * 2 > ids.count else { continue }
            throw RadVaultError.invalidInput(
                "\(source): this looks like a radiomic feature table, not gene expression: \(radiomic.count) of "
                    + "\(ids.count) \(what) look like feature names (e.g. "
                    + radiomic.prefix(3).joined(separator: ", ") + "); pass it as the features/traits table")
        }
        if geneCount < minimumGenes {
            throw RadVaultError.invalidInput(
                "\(source): only \(geneCount) genes for \(sampleCount) samples; an expression table needs at "
                    + "least \(minimumGenes) genes (is this a feature table, or is the orientation wrong? "
                    + "set orientation: genes_x_samples or samples_x_genes)")
        }
    }
}

extension ExpressionTableReader {
    func checkNotAFeatureTable(rowIDs: [String], columnNames: [String], geneCount: Int, sampleCount: Int) throws {
        try FeatureTableDetector.check(
            rowIDs: rowIDs, columnNames: columnNames, geneCount: geneCount, sampleCount: sampleCount,
            source: table.source)
    }
}
