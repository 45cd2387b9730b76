import LinearAlgebra

/// `WGCNA::mergeCloseModules(cutHeight, iterate = TRUE, relabel = FALSE)` for one data set.
///
/// Eigengene dissimilarity 1 − cor(ME_a, ME_b) (grey excluded), average-linkage tree, cut at
/// `cutHeight` (R's `cutree(h =)`: the leading merges at or below the height), every branch
/// merged into one module; repeated with fresh eigengenes until no two modules merge. The
/// merged module keeps the smallest label of its branch (R keeps the first in its ME order;
/// the partition is the same).
public enum ModuleMerging {
    /// Merged labels and their eigengenes.
    public static func merge(expression: Matrix, labels: [Int], cutHeight: Double) throws
        -> ([Int], ModuleEigengenes)
    {
        var current = labels
        var me = try ModuleEigengenes.compute(expression: expression, labels: current)
        while me.modules.count >= 2 {
            let c = GeneCorrelation.crossCorrelation(me.eigengenes, me.eigengenes)
            let m = me.modules.count
            var d = CondensedDistance(count: m)
            for i in 0..<m {
                for j in (i + 1)..<m { d[i, j] = 1 - c[i, j] }
            }
            let tree = HierarchicalClustering.averageLinkage(&d)
            let groups = cutree(tree, count: m, height: cutHeight)
            var target: [Int: Int] = [:]
            for (idx, g) in groups.enumerated() { target[g] = min(target[g] ?? Int.max, me.modules[idx]) }
            var mapping: [Int: Int] = [:]
            for (idx, g) in groups.enumerated() { mapping[me.modules[idx]] = target[g] ?? me.modules[idx] }
            let merged = current.map { $0 == 0 ? 0 : (mapping[$0] ?? $0) }
            if Set(merged).count >= Set(current).count { break }
            current = merged
            me = try ModuleEigengenes.compute(expression: expression, labels: current)
        }
        return (current, me)
    }

    /// Group index per object after R's `cutree(tree, h = h)`: the leading merges whose height
    /// is at most h, in merge order.
    static func cutree(_ tree: Dendrogram, count n: Int, height h: Double) -> [Int] {
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var r = x
            while parent[r] != r { r = parent[r] }
            return r
        }
        var rep: [Int] = []
        for (s, (a, b)) in tree.merge.enumerated() {
            if tree.height[s] > h { break }
            let ra = a < 0 ? find(-a - 1) : find(rep[a - 1])
            let rb = b < 0 ? find(-b - 1) : find(rep[b - 1])
            parent[max(ra, rb)] = min(ra, rb)
            rep.append(min(ra, rb))
        }
        return (0..<n).map(find)
    }
}
