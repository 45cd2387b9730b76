import LinearAlgebra

extension KNNImputation {
    /// `knnimp.split`: two-means clustering of a block, then each cluster imputed on its own
    /// (recursively split while larger than `maxp`); a cluster of at most k genes keeps 0 in its
    /// missing cells, as impute leaves it.
    ///
    /// impute calls its clustering (`twomeans.miss(x)`) on the block with missing cells already
    /// set to 0 and without their flags, so the clustering sees those zeros as values; so does
    /// this. A split that leaves a cluster empty (all genes at equal distance) would make impute
    /// recurse without end; here the block is then imputed whole.
    static func split(
        _ genes: [Int], k: Int, maxp: Int, work: Work, rng: inout RMersenneTwister, x: inout Matrix
    ) {
        let clusters = twoMeans(genes, work: work, rng: &rng)
        guard clusters.allSatisfy({ !$0.isEmpty }) else {
            nearestNeighbours(genes, k: k, work: work, x: &x)
            return
        }
        for cluster in clusters {
            if cluster.count <= k {
                for g in cluster {
                    for s in 0..<work.n where work.missing[s + g * work.n] { x[s, g] = 0 }
                }
            } else {
                imputeBlock(cluster, k: k, maxp: maxp, work: work, rng: &rng, x: &x)
            }
        }
    }

    /// Fortran `twomis` (maxit = 5, eps = 0.001) from two genes drawn by R's `sample`: assign
    /// each gene to the nearer centre (ties to the second), stop when the total distance is 0
    /// or changes by at most eps relative, else move each centre to its cluster's mean profile.
    static func twoMeans(_ genes: [Int], work: Work, rng: inout RMersenneTwister) -> [[Int]] {
        let n = work.n
        let (a, b) = rng.sampleTwo(from: genes.count)
        var centres = [a, b].map { i in (0..<n).map { work.values[$0 + genes[i] * n] } }
        var centreMissing = [Bool](repeating: false, count: 2)
        var clusters: [[Int]] = [[], []]
        var iteration = 0
        var ratio = 10.0
        var previous = 0.0
        while iteration < 5 && ratio > 0.001 {
            iteration += 1
            clusters = [[], []]
            var total = 0.0
            for g in genes {
                let d = (0..<2).map { c in
                    centreMissing[c] ? 1e10 : centreDistance(centres[c], gene: g, work: work)
                }
                let c = d[0] < d[1] ? 0 : 1
                clusters[c].append(g)
                total += d[c]
            }
            if total == 0 { break }
            if iteration == 1 { previous = total * 10 }
            ratio = abs(total - previous) / previous
            previous = total
            for c in 0..<2 {
                centreMissing[c] = clusters[c].isEmpty
                guard !clusters[c].isEmpty else { continue }
                centres[c] = (0..<n).map { s in
                    var sum = 0.0
                    for g in clusters[c] { sum += work.values[s + g * n] }
                    return sum / Double(clusters[c].count)
                }
            }
        }
        return clusters
    }

    /// Mean squared difference of a gene (zeros in its missing cells) from a centre.
    static func centreDistance(_ centre: [Double], gene g: Int, work: Work) -> Double {
        var sum = 0.0
        for s in 0..<work.n {
            let d = centre[s] - work.values[s + g * work.n]
            sum += d * d
        }
        return sum / Double(work.n)
    }
}
