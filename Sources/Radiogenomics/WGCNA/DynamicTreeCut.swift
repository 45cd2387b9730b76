import RadVaultCore

/// Settings of the hybrid dynamic tree cut (dynamicTreeCut::cutreeDynamic, method "hybrid").
public struct TreeCutSettings: Sendable, Codable, Equatable {
    /// Maximum joining height; nil = 99% of the range between the 5% merge quantile and the top.
    public var cutHeight: Double?
    public var minClusterSize: Int
    /// 0…4: sensitivity to splitting (sets maxCoreScatter and minGap).
    public var deepSplit: Int
    public var pamStage: Bool
    public var pamRespectsDendro: Bool

    public init(
        cutHeight: Double? = nil, minClusterSize: Int = 20, deepSplit: Int = 2, pamStage: Bool = true,
        pamRespectsDendro: Bool = true
    ) {
        self.cutHeight = cutHeight
        self.minClusterSize = minClusterSize
        self.deepSplit = deepSplit
        self.pamStage = pamStage
        self.pamRespectsDendro = pamRespectsDendro
    }
}

/// The hybrid dynamic tree cut of Langfelder, Zhang & Horvath (2008, Bioinformatics 24:719),
/// following `dynamicTreeCut::cutreeHybrid` (v1.63) step by step: (1) walk the merges below the
/// cut height bottom-up, growing "basic" branches and deciding at each merge of two branches
/// whether the smaller one is a real cluster (size ≥ minClusterSize, core scatter below
/// maxAbsCoreScatter, gap above minAbsGap) or is absorbed; (2) label top basic branches that
/// pass the tests; (3) PAM-like stage assigning the rest to the nearest cluster (mean
/// dissimilarity) if within the cluster's diameter or maxPamDist, restricted to the same
/// dendrogram branch when pamRespectsDendro; (4) relabel by decreasing size, 0 = unassigned.
/// Defaults not exposed (useMedoids = FALSE, respectSmallClusters = TRUE, no external splits)
/// are the package's defaults.
public enum DynamicTreeCut {
    /// Module labels (0 = unassigned, 1 = largest module, …) for each object.
    public static func cutreeHybrid(
        dendrogram: Dendrogram, distances: CondensedDistance, settings: TreeCutSettings
    ) throws -> [Int] {
        let nMerge = dendrogram.height.count
        guard nMerge >= 1, distances.count == nMerge + 1 else {
            throw RadVaultError.internalError("cutreeHybrid: dendrogram and distance matrix sizes differ")
        }
        guard (0...4).contains(settings.deepSplit) else {
            throw RadVaultError.invalidInput("wgcna.deep_split: \(settings.deepSplit) is out of range; expected 0…4")
        }
        var state = TreeCutState(dendrogram: dendrogram, distances: distances, settings: settings)
        guard let _ = state.criteria else { return Array(repeating: 0, count: nMerge + 1) }
        state.walkMerges()
        var colors = state.treeCutLabels()
        if settings.pamStage { state.pamStage(&colors) }
        return relabelBySize(colors)
    }

    /// Labels ordered by decreasing size (ties: lower old label first); 0 stays 0.
    static func relabelBySize(_ colors: [Int]) -> [Int] {
        let labels = Array(Set(colors.filter { $0 > 0 })).sorted()
        var size: [Int: Int] = [:]
        for c in colors where c > 0 { size[c, default: 0] += 1 }
        let ranked = labels.enumerated().sorted {
            let (a, b) = (size[$0.element] ?? 0, size[$1.element] ?? 0)
            return a != b ? a > b : $0.offset < $1.offset
        }
        var newLabel: [Int: Int] = [:]
        for (rank, entry) in ranked.enumerated() { newLabel[entry.element] = rank + 1 }
        return colors.map { $0 > 0 ? (newLabel[$0] ?? 0) : 0 }
    }
}
