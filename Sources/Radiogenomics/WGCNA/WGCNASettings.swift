import RadVaultCore

/// WGCNA parameters; defaults are the R package's (and its tutorials') defaults.
public struct WGCNASettings: Sendable, Codable, Equatable {
    public var networkType = TopologicalOverlap.NetworkType.unsigned
    /// Candidate soft-threshold powers (pickSoftThreshold's default powerVector).
    public var powers = Array(1...10) + [12, 14, 16, 18, 20]
    public var rSquaredCut = 0.85
    /// Fixed power; nil = pickSoftThreshold's estimate.
    public var power: Int?
    public var minModuleSize = 20
    public var deepSplit = 2
    public var pamStage = true
    public var pamRespectsDendro = true
    /// Tree-cut height; nil = dynamicTreeCut's default (99% of the truncated range).
    public var treeCutHeight: Double?
    /// mergeCloseModules cutHeight (eigengene dissimilarity).
    public var mergeCutHeight = 0.25
    /// Hub genes: |kME| ≥ hubMinKME and |GS| ≥ hubMinGS.
    public var hubMinKME = 0.8
    public var hubMinGS = 0.2
    /// Top genes by |kME| reported per module.
    public var topHubsPerModule = 10
    /// goodSamplesGenes minFraction.
    public var minFraction = 0.5

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case powers, power
        case networkType = "network_type"
        case rSquaredCut = "r_squared_cut"
        case minModuleSize = "min_module_size"
        case deepSplit = "deep_split"
        case pamStage = "pam_stage"
        case pamRespectsDendro = "pam_respects_dendro"
        case treeCutHeight = "tree_cut_height"
        case mergeCutHeight = "merge_cut_height"
        case hubMinKME = "hub_min_kme"
        case hubMinGS = "hub_min_gs"
        case topHubsPerModule = "top_hubs_per_module"
        case minFraction = "min_fraction"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = WGCNASettings()
        networkType = try c.decodeIfPresent(TopologicalOverlap.NetworkType.self, forKey: .networkType) ?? d.networkType
        powers = try c.decodeIfPresent([Int].self, forKey: .powers) ?? d.powers
        rSquaredCut = try c.decodeIfPresent(Double.self, forKey: .rSquaredCut) ?? d.rSquaredCut
        power = try c.decodeIfPresent(Int.self, forKey: .power)
        minModuleSize = try c.decodeIfPresent(Int.self, forKey: .minModuleSize) ?? d.minModuleSize
        deepSplit = try c.decodeIfPresent(Int.self, forKey: .deepSplit) ?? d.deepSplit
        pamStage = try c.decodeIfPresent(Bool.self, forKey: .pamStage) ?? d.pamStage
        pamRespectsDendro = try c.decodeIfPresent(Bool.self, forKey: .pamRespectsDendro) ?? d.pamRespectsDendro
        treeCutHeight = try c.decodeIfPresent(Double.self, forKey: .treeCutHeight)
        mergeCutHeight = try c.decodeIfPresent(Double.self, forKey: .mergeCutHeight) ?? d.mergeCutHeight
        hubMinKME = try c.decodeIfPresent(Double.self, forKey: .hubMinKME) ?? d.hubMinKME
        hubMinGS = try c.decodeIfPresent(Double.self, forKey: .hubMinGS) ?? d.hubMinGS
        topHubsPerModule = try c.decodeIfPresent(Int.self, forKey: .topHubsPerModule) ?? d.topHubsPerModule
        minFraction = try c.decodeIfPresent(Double.self, forKey: .minFraction) ?? d.minFraction
    }

    func validate(source: String) throws {
        func fail(_ field: String, _ expect: String) -> RadVaultError {
            RadVaultError.invalidInput("\(source): wgcna.\(field) is out of range; expected \(expect)")
        }
        guard !powers.isEmpty, powers.allSatisfy({ $0 >= 1 && $0 <= 50 }) else { throw fail("powers", "1…50") }
        guard (0...4).contains(deepSplit) else { throw fail("deep_split", "0…4") }
        guard minModuleSize >= 2 else { throw fail("min_module_size", "≥ 2") }
        guard mergeCutHeight >= 0 && mergeCutHeight <= 2 else { throw fail("merge_cut_height", "0…2") }
        if let p = power, p < 1 || p > 50 { throw fail("power", "1…50") }
    }

    var treeCut: TreeCutSettings {
        TreeCutSettings(
            cutHeight: treeCutHeight, minClusterSize: minModuleSize, deepSplit: deepSplit, pamStage: pamStage,
            pamRespectsDendro: pamRespectsDendro)
    }
}
