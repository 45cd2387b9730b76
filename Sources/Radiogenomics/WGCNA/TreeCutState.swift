import Foundation
import RadVaultCore

/// One branch of the tree walk in `cutreeHybrid` (the `branch.*` vectors of the R code).
struct TreeCutBranch {
    var isBasic = true
    var isTopBasic = true
    var failSize = false
    var attachHeight: Double?
    var size = 2
    var singletons: [Int] = []
    var basicClusters: [Int] = []
}

/// Thresholds derived from the dendrogram (cutreeHybrid's first block).
struct TreeCutCriteria {
    var cutHeight: Double
    var maxAbsCoreScatter: Double
    var minAbsGap: Double
    var minAbsSplitHeight: Double
    var maxPamDist: Double
}

/// Mutable state of the hybrid tree cut; see `DynamicTreeCut` for the algorithm and source.
/// Documented numerical kernel: longer than the usual function limit to mirror the R code's
/// structure step by step, which is what makes its module partitions reproducible.
struct TreeCutState {
    let tree: Dendrogram
    let d: CondensedDistance
    let settings: TreeCutSettings
    let criteria: TreeCutCriteria?
    var branches: [TreeCutBranch] = []
    var mergeToBranch: [Int]
    var onBranch: [Int]
    var branchLabels: [Int] = []
    var smallLabels: [Int] = []

    /// Default maximum core scatter and minimum gap per deepSplit (cutreeHybrid's defMCS, defMG).
    static let defaultMaxCoreScatter = [0.64, 0.73, 0.82, 0.91, 0.95]

    init(dendrogram: Dendrogram, distances: CondensedDistance, settings: TreeCutSettings) {
        tree = dendrogram
        d = distances
        self.settings = settings
        let h = dendrogram.height
        mergeToBranch = Array(repeating: -1, count: h.count)
        onBranch = Array(repeating: -1, count: h.count + 1)
        var refMerge = Int((Double(h.count) * 0.05).rounded(.toNearestOrEven))
        if refMerge < 1 { refMerge = 1 }
        let refHeight = h[refMerge - 1]
        let maxH = h.max() ?? 0
        let cut = settings.cutHeight.map { min($0, maxH) } ?? (0.99 * (maxH - refHeight) + refHeight)
        let mcs = Self.defaultMaxCoreScatter[settings.deepSplit]
        let mg = (1 - mcs) * 3 / 4
        if h.filter({ $0 <= cut }).count < settings.minClusterSize {
            criteria = nil
        } else {
            criteria = TreeCutCriteria(
                cutHeight: cut, maxAbsCoreScatter: refHeight + mcs * (cut - refHeight),
                minAbsGap: mg * (cut - refHeight), minAbsSplitHeight: refHeight, maxPamDist: cut)
        }
    }

    /// `.CoreSize`: minClusterSize/2 + 1 plus the square root of the excess, truncated.
    func coreSize(_ branchSize: Int) -> Int {
        let base = Double(settings.minClusterSize) / 2 + 1
        if base < Double(branchSize) { return Int(base + (Double(branchSize) - base).squareRoot()) }
        return branchSize
    }

    /// Mean over the core's members of their summed dissimilarity to the core / (size − 1).
    func coreScatter(_ b: Int) -> Double {
        let cs = coreSize(branches[b].singletons.count)
        let core = Array(branches[b].singletons.prefix(cs))
        guard cs > 1 else { return 0 }
        var total = 0.0
        for j in core {
            var col = 0.0
            for i in core { col += d[i, j] }
            total += col / Double(cs - 1)
        }
        return total / Double(cs)
    }

    /// Step (1): the bottom-up walk over merges at or below the cut height.
    mutating func walkMerges() {
        guard let c = criteria else { return }
        for m in tree.height.indices where tree.height[m] <= c.cutHeight {
            let (a, b) = tree.merge[m]
            if a < 0 && b < 0 {
                var br = TreeCutBranch()
                br.singletons = [-a - 1, -b - 1]
                branches.append(br)
                mergeToBranch[m] = branches.count - 1
            } else if (a < 0) != (b < 0) {
                let clust = mergeToBranch[max(a, b) - 1]
                let gene = -min(a, b) - 1
                if branches[clust].isBasic { branches[clust].singletons.append(gene) } else { onBranch[gene] = clust }
                branches[clust].size += 1
                mergeToBranch[m] = clust
            } else {
                mergeTwoBranches(m, mergeToBranch[a - 1], mergeToBranch[b - 1], c)
            }
        }
    }

    private func scores(_ b: Int, height h: Double, scatter: Double, _ c: TreeCutCriteria) -> (Bool, Bool, Bool) {
        let tooSmall = branches[b].size < settings.minClusterSize
        let scattered = scatter > c.maxAbsCoreScatter
        let smallGap = h - scatter < c.minAbsGap
        let low = h < c.minAbsSplitHeight
        return (tooSmall || scattered || smallGap || low, scattered || smallGap, branches[b].isBasic)
    }

    private mutating func mergeTwoBranches(_ m: Int, _ c1: Int, _ c2: Int, _ c: TreeCutCriteria) {
        let h = tree.height[m]
        var small = branches[c1].size <= branches[c2].size ? c1 : c2
        var large = small == c1 ? c2 : c1
        let smScatter = branches[small].isBasic ? coreScatter(small) : 0
        let lgScatter = branches[large].isBasic ? coreScatter(large) : 0
        let sm = scores(small, height: h, scatter: smScatter, c)
        var doMerge = false
        var smallerFailSize = false
        if sm.2 && sm.0 {
            doMerge = true
            smallerFailSize = !sm.1
        } else {
            let lg = scores(large, height: h, scatter: lgScatter, c)
            if lg.2 && lg.0 {
                doMerge = true
                smallerFailSize = !lg.1
                swap(&small, &large)
            }
        }
        if doMerge {
            branches[small].failSize = smallerFailSize
            branches[small].attachHeight = h
            branches[small].isTopBasic = false
            if branches[large].isBasic {
                branches[large].singletons += branches[small].singletons
            } else {
                for g in branches[small].singletons { onBranch[g] = large }
            }
            branches[large].size += branches[small].size
            mergeToBranch[m] = large
            return
        }
        if branches[large].isBasic && !branches[small].isBasic { swap(&small, &large) }
        let smallBasics = branches[small].isBasic ? [small] : branches[small].basicClusters
        if branches[large].isBasic || (settings.pamStage && settings.pamRespectsDendro) {
            branches[large].attachHeight = h
            branches[small].attachHeight = h
            var br = TreeCutBranch()
            br.isBasic = false
            br.isTopBasic = false
            br.basicClusters = smallBasics + (branches[large].isBasic ? [large] : branches[large].basicClusters)
            br.size = branches[small].size + branches[large].size
            branches.append(br)
            mergeToBranch[m] = branches.count - 1
        } else {
            branches[large].basicClusters += smallBasics
            branches[large].size += branches[small].size
            branches[small].attachHeight = h
            mergeToBranch[m] = large
        }
    }
}
