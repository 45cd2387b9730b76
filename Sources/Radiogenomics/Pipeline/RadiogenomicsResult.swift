import RadVaultCore

/// Everything a radiogenomics run produces, as separately encodable parts (each stored as
/// its own `result` artifact in canonical JSON) plus warnings.
///
/// Where the bits come from (DESIGN.md, reproducibility): means, norms, connectivities, BH,
/// p-values, eigengene alignment and all reductions are summed in Swift in index order. The
/// O(n³)/O(n²m) products — feature×gene and gene×gene correlations (GEMM/SYRK), A·A of the TOM
/// (GEMM) and the eigengene SVD (dgesdd) — go through OpenBLAS/LAPACK: they partition the
/// output, not the inner sums, so results are identical for any BLAS thread count (tested with
/// 1 and 2), but another CPU kernel may change the last bits; the environment fingerprint
/// (`BLASInfo.current()`) then explains an `equivalent` replay verdict.
public struct RadiogenomicsResult: Sendable, Codable {
    public var correlations: CorrelationPart
    public var enrichment: EnrichmentPart
    /// Present when WGCNA ran.
    public var modules: ModuleAssignmentPart?
    public var eigengenes: EigengenePart?
    public var moduleTrait: [ModuleTraitRow]
    public var kME: KMEPart?
    public var hubGenes: [HubGene]
    /// Messages about the input (dropped samples/genes, missing values, duplicates, …).
    public var warnings: [String]

    /// Canonical JSON bytes of each part, keyed by part name (stable names for artifacts).
    public func canonicalParts() throws -> [(name: String, bytes: [UInt8])] {
        var parts: [(String, [UInt8])] = [
            ("correlations", try CanonicalJSON.bytes(correlations)),
            ("enrichment", try CanonicalJSON.bytes(enrichment)),
        ]
        if let modules { parts.append(("modules", try CanonicalJSON.bytes(modules))) }
        if let eigengenes { parts.append(("eigengenes", try CanonicalJSON.bytes(eigengenes))) }
        parts.append(("module_trait", try CanonicalJSON.bytes(moduleTrait)))
        if let kME { parts.append(("kme", try CanonicalJSON.bytes(kME))) }
        parts.append(("hub_genes", try CanonicalJSON.bytes(hubGenes)))
        parts.append(("warnings", try CanonicalJSON.bytes(warnings)))
        return parts
    }
}

/// Significant feature–gene pairs and the size of the test.
public struct CorrelationPart: Sendable, Codable, Equatable {
    public var method: CorrelationMethod
    public var fdr: Double
    public var samples: Int
    public var features: Int
    public var genes: Int
    public var significant: [CorrelationPair]
}

/// ORA and GSEA rows.
public struct EnrichmentPart: Sendable, Codable, Equatable {
    public var overRepresentation: [EnrichmentRow]
    public var gsea: [GSEARow]
}

/// Soft-threshold table and per-gene module labels before and after merging.
public struct ModuleAssignmentPart: Sendable, Codable, Equatable {
    public var power: Int
    public var powerEstimate: Int?
    public var softThreshold: [SoftThresholdFit]
    public var genes: [String]
    public var unmergedModules: [Int]
    public var modules: [Int]
}

/// Eigengene values: `values[m][s]` for module `modules[m]` and sample `samples[s]`.
public struct EigengenePart: Sendable, Codable, Equatable {
    public var samples: [String]
    public var modules: [Int]
    public var values: [[Double]]
    public var varianceExplained: [Double]
}

/// kME: `values[g][m]` = cor(gene g, eigengene of module m).
public struct KMEPart: Sendable, Codable, Equatable {
    public var genes: [String]
    public var modules: [Int]
    public var values: [[Double]]
}
