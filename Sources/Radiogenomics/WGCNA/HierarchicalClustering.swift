/// A dendrogram in R's `hclust` form.
public struct Dendrogram: Sendable, Equatable {
    /// n − 1 merges; negative entries are singletons (−object, 1-based), positive entries are
    /// earlier merges (1-based step), exactly as R's `hclust()$merge`.
    public var merge: [(Int, Int)]
    /// Merge heights, one per step.
    public var height: [Double]
    /// Leaf order for plotting (0-based objects), as R's `hclust()$order` − 1.
    public var order: [Int]

    public static func == (a: Dendrogram, b: Dendrogram) -> Bool {
        a.merge.elementsEqual(b.merge, by: ==) && a.height == b.height && a.order == b.order
    }
}

/// Average-linkage agglomerative clustering that reproduces R's `stats::hclust`
/// (method = "average"), including its tie handling.
///
/// Algorithm: F. Murtagh's nearest-neighbour-list method as in R's `hclust.f`: each object
/// keeps its nearest neighbour to the right (first index wins ties); each step merges the
/// globally closest pair (first in index order on ties) into the lower index, updates
/// dissimilarities by Lance–Williams (size-weighted average) and refreshes the
/// neighbour lists that pointed at the merged pair. The merge list is then converted to R's
/// signed form and leaf order as `hcass2` does. Memory: the condensed matrix, updated in place
/// (O(n²) doubles / 2); time O(n²) in practice.
public enum HierarchicalClustering {
    /// Clusters n objects; `distances` is consumed (overwritten).
    public static func averageLinkage(_ distances: inout CondensedDistance) -> Dendrogram {
        let n = distances.count
        guard n >= 2 else { return Dendrogram(merge: [], height: [], order: Array(0..<n)) }
        var ia = [Int](repeating: 0, count: n - 1)
        var ib = [Int](repeating: 0, count: n - 1)
        var crit = [Double](repeating: 0, count: n - 1)
        distances.values.withUnsafeMutableBufferPointer { diss in
            agglomerate(n: n, diss: diss, ia: &ia, ib: &ib, crit: &crit)
        }
        let (merge, order) = convertToRForm(n: n, ia: ia, ib: ib)
        return Dendrogram(merge: merge, height: crit, order: order)
    }

    /// The agglomeration loop of `hclust.f` (0-based indices, `inf` = 1e300 as there).
    private static func agglomerate(
        n: Int, diss: UnsafeMutableBufferPointer<Double>, ia: inout [Int], ib: inout [Int], crit: inout [Double]
    ) {
        let inf = 1e300
        @inline(__always) func off(_ i: Int, _ j: Int) -> Int { n * i - i * (i + 1) / 2 + (j - i - 1) }
        var flag = [Bool](repeating: true, count: n)
        var membr = [Double](repeating: 1, count: n)
        var nn = [Int](repeating: 0, count: n)
        var disnn = [Double](repeating: inf, count: n)
        for i in 0..<(n - 1) {
            var dmin = inf
            var jm = 0
            for j in (i + 1)..<n where dmin > diss[off(i, j)] {
                dmin = diss[off(i, j)]
                jm = j
            }
            nn[i] = jm
            disnn[i] = dmin
        }
        for step in 0..<(n - 1) {
            var dmin = inf
            var im = 0
            var jm = 0
            for i in 0..<(n - 1) where flag[i] && disnn[i] < dmin {
                dmin = disnn[i]
                im = i
                jm = nn[i]
            }
            let i2 = min(im, jm)
            let j2 = max(im, jm)
            ia[step] = i2
            ib[step] = j2
            crit[step] = dmin
            flag[j2] = false
            dmin = inf
            var jj = 0
            let mi = membr[i2]
            let mj = membr[j2]
            for k in 0..<n where flag[k] && k != i2 {
                let ind1 = i2 < k ? off(i2, k) : off(k, i2)
                let ind2 = j2 < k ? off(j2, k) : off(k, j2)
                let d = (mi * diss[ind1] + mj * diss[ind2]) / (mi + mj)
                diss[ind1] = d
                if i2 < k {
                    if d < dmin {
                        dmin = d
                        jj = k
                    }
                } else if d < disnn[k] {
                    disnn[k] = d
                    nn[k] = i2
                }
            }
            membr[i2] = mi + mj
            disnn[i2] = dmin
            nn[i2] = jj
            for i in 0..<(n - 1) where flag[i] && (nn[i] == i2 || nn[i] == j2) {
                var best = inf
                var bj = jj
                for j in (i + 1)..<n where flag[j] && diss[off(i, j)] < best {
                    best = diss[off(i, j)]
                    bj = j
                }
                nn[i] = bj
                disnn[i] = best
            }
        }
    }

    /// `hcass2`: clusters named by their lowest member become R's signed merge rows
    /// (singletons negative, earlier steps positive, singleton first, else ascending), then the
    /// leaf order from the last merge down.
    static func convertToRForm(n: Int, ia: [Int], ib: [Int]) -> ([(Int, Int)], [Int]) {
        // Objects are 1-based inside R's representation.
        var iia = ia.map { $0 + 1 }
        var iib = ib.map { $0 + 1 }
        let a1 = iia
        let b1 = iib
        var lastStepOf = [Int](repeating: 0, count: n + 1)  // cluster id (lowest member) -> latest step
        var merge: [(Int, Int)] = []
        merge.reserveCapacity(n - 1)
        for s in 0..<(n - 1) {
            let a = lastStepOf[a1[s]] > 0 ? lastStepOf[a1[s]] : -a1[s]
            let b = lastStepOf[b1[s]] > 0 ? lastStepOf[b1[s]] : -b1[s]
            var x = a
            var y = b
            if x > 0 && y < 0 { swap(&x, &y) }
            if x > 0 && y > 0 && x > y { swap(&x, &y) }
            iia[s] = x
            iib[s] = y
            merge.append((x, y))
            lastStepOf[min(a1[s], b1[s])] = s + 1
        }
        return (merge, leafOrder(merge))
    }

    /// Leaf order: expand the last merge, left before right, depth first (same sequence as
    /// `hcass2`'s in-place expansion).
    static func leafOrder(_ merge: [(Int, Int)]) -> [Int] {
        guard !merge.isEmpty else { return [0] }
        var order: [Int] = []
        var stack: [Int] = [merge.count]
        while let top = stack.popLast() {
            if top < 0 {
                order.append(-top - 1)
            } else {
                let (l, r) = merge[top - 1]
                stack.append(r)
                stack.append(l)
            }
        }
        return order
    }
}
