/// Steps (2) and (3) of `cutreeHybrid`: labels from the tree, then the PAM-like stage.
extension TreeCutState {
    /// Tree-cut labels: each top basic branch that passes size, scatter and gap gets a label
    /// 1, 2, … in branch order; also fills `smallLabels` for branches absorbed for size only.
    mutating func treeCutLabels() -> [Int] {
        guard let c = criteria else { return Array(repeating: 0, count: d.count) }
        var colors = Array(repeating: 0, count: d.count)
        smallLabels = Array(repeating: 0, count: d.count)
        branchLabels = Array(repeating: 0, count: branches.count)
        var isCluster = Array(repeating: false, count: branches.count)
        for b in branches.indices {
            let attach = branches[b].attachHeight ?? c.cutHeight
            if branches[b].isTopBasic {
                let scatter = coreScatter(b)
                isCluster[b] =
                    branches[b].size >= settings.minClusterSize && scatter < c.maxAbsCoreScatter
                    && attach - scatter > c.minAbsGap
            }
            if branches[b].failSize { for g in branches[b].singletons { smallLabels[g] = b + 1 } }
        }
        var color = 0
        for b in branches.indices where isCluster[b] {
            color += 1
            for g in branches[b].singletons {
                colors[g] = color
                smallLabels[g] = 0
            }
            branchLabels[b] = color
        }
        return colors
    }

    /// The PAM stage with useMedoids = FALSE: small absorbed clusters first (as a whole), then
    /// single unlabelled objects, each to the label with the smallest mean dissimilarity, if
    /// below that cluster's diameter or maxPamDist.
    mutating func pamStage(_ colors: inout [Int]) {
        guard let c = criteria else { return }
        let nLabels = colors.max() ?? 0
        guard nLabels > 0, colors.contains(0) else { return }
        let diameter = clusterDiameters(colors, count: nLabels)
        let treeColors = colors
        for s in Set(smallLabels.filter { $0 > 0 }).sorted() {
            let members = smallLabels.indices.filter { smallLabels[$0] == s }
            guard let allowed = allowedLabels(members, nLabels) else { continue }
            let (label, dist) = nearestLabel(from: members, treeColors: treeColors, allowed: allowed)
            if label > 0 && (dist < diameter[label] || dist < c.maxPamDist) {
                for g in members { colors[g] = label }
            } else {
                for g in members { colors[g] = -1 }
            }
        }
        for obj in colors.indices where colors[obj] == 0 {
            guard let allowed = allowedLabels([obj], nLabels) else { continue }
            let (label, dist) = nearestLabel(from: [obj], treeColors: treeColors, allowed: allowed)
            if label > 0 && (dist < diameter[label] || dist < c.maxPamDist) { colors[obj] = label }
        }
        for k in colors.indices where colors[k] < 0 { colors[k] = 0 }
    }

    /// Labels an object set may join: those of the basic clusters on its branch when
    /// pamRespectsDendro (nil when it is on no branch), otherwise all labels.
    private func allowedLabels(_ members: [Int], _ nLabels: Int) -> Set<Int>? {
        guard settings.pamRespectsDendro else { return Set(1...nLabels).union([]) }
        let br = onBranch[members[0]]
        guard br >= 0 else { return nil }
        return Set(branches[br].basicClusters.map { branchLabels[$0] })
    }

    /// Per label (ascending, including 0 when allowed, as R's factor levels), the mean over that
    /// label's objects of their mean dissimilarity to `members`; the first minimum wins.
    private func nearestLabel(from members: [Int], treeColors: [Int], allowed: Set<Int>) -> (Int, Double) {
        var sums: [Int: (Double, Int)] = [:]
        for obj in treeColors.indices where allowed.contains(treeColors[obj]) {
            if !settings.pamRespectsDendro && treeColors[obj] == 0 { continue }
            var s = 0.0
            for g in members { s += d[g, obj] }
            let meanDist = s / Double(members.count)
            let acc = sums[treeColors[obj], default: (0, 0)]
            sums[treeColors[obj]] = (acc.0 + meanDist, acc.1 + 1)
        }
        var best = (0, Double.infinity)
        var found = false
        for label in sums.keys.sorted() {
            guard let (s, n) = sums[label] else { continue }
            let m = s / Double(n)
            if !found || m < best.1 {
                best = (label, m)
                found = true
            }
        }
        return found ? best : (0, .infinity)
    }

    /// Per label, the largest average dissimilarity of a member to the other members.
    private func clusterDiameters(_ colors: [Int], count: Int) -> [Double] {
        var diam = Array(repeating: 0.0, count: count + 1)
        for label in 1...count {
            let members = colors.indices.filter { colors[$0] == label }
            guard members.count > 1 else { continue }
            for j in members {
                var s = 0.0
                for i in members { s += d[i, j] }
                diam[label] = max(diam[label], s / Double(members.count - 1))
            }
        }
        return diam
    }
}
