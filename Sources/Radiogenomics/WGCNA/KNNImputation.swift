import LinearAlgebra

/// k-nearest-neighbour imputation of missing expression values, as `impute::impute.knn`
/// (Troyanskaya et al. 2001, Bioinformatics 17:520; Bioconductor impute 1.72), which WGCNA's
/// `moduleEigengenes` calls on each module (genes × samples, k = min(10, genes − 1)).
///
/// - Genes missing more than ⌊rowMax·n⌋ samples are set aside and get the sample means (0 when
///   only one gene is set aside, as impute leaves it).
/// - Blocks of more than `maxp` genes are split recursively by two-means clustering
///   (`KNNImputation+Split.swift`); a cluster of at most k genes is left as impute leaves it:
///   its missing values keep the 0 that `knnimp` substituted (R's `meanimp` finds no NA there).
/// - In a block, each gene with missing values ranks every gene of the block (itself included)
///   by the mean squared difference over the samples both have (10¹⁰ when none), keeps the
///   k + 1 nearest (ties: earlier gene first) and drops the first, which is itself unless
///   another gene is at distance 0 before it (impute's Fortran `knnimp`, `misdis`, `porder`);
///   a missing value is the mean of that sample over the neighbours that have it.
/// - Values no neighbour could fill get the sample's mean over the genes kept at the start.
enum KNNImputation {
    /// Working state: the values with 0 in missing cells (as `knnimp` sets them), the original
    /// missing flags, both samples × genes column-major like `x`.
    struct Work {
        let n: Int
        let values: [Double]
        let missing: [Bool]
    }

    /// Imputes `x` (samples × genes) in place; returns the number of values filled.
    @discardableResult
    static func impute(
        _ x: inout Matrix, k kMax: Int = 10, rowMax: Double = 0.5, maxp: Int = 1500, seed: Int32 = 362_436_069
    ) -> Int {
        let n = x.rows
        let p = x.columns
        let missing = x.storage.map(\.isNaN)
        let counts = (0..<p).map { j in (0..<n).filter { missing[$0 + j * n] }.count }
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        let k = min(kMax, p - 1)
        let limit = (rowMax * Double(n)).rounded(.towardZero)
        let usable = (0..<p).filter { !(Double(counts[$0]) > limit) }
        let work = Work(n: n, values: x.storage.map { $0.isNaN ? 0 : $0 }, missing: missing)
        var rng = RMersenneTwister(seed: seed)
        if k > 0 {
            imputeBlock(usable, k: k, maxp: maxp, work: work, rng: &rng, x: &x)
        }
        meanImpute(&x, work: work, genes: usable)
        return total
    }

    /// `knnimp.internal`: one block, split when larger than `maxp`.
    static func imputeBlock(
        _ genes: [Int], k: Int, maxp: Int, work: Work, rng: inout RMersenneTwister, x: inout Matrix
    ) {
        if genes.count <= maxp {
            nearestNeighbours(genes, k: k, work: work, x: &x)
        } else {
            split(genes, k: k, maxp: maxp, work: work, rng: &rng, x: &x)
        }
    }

    /// Fortran `knnimp` on one block of genes (in their original order).
    static func nearestNeighbours(_ genes: [Int], k: Int, work: Work, x: inout Matrix) {
        let n = work.n
        for i in genes where (0..<n).contains(where: { work.missing[$0 + i * n] }) {
            let dist = genes.map { distance(work.values, work.missing, from: i, to: $0, n: n) }
            let order = genes.indices.sorted { dist[$0] < dist[$1] || (dist[$0] == dist[$1] && $0 < $1) }
            let neighbours = order.prefix(k + 1).dropFirst().map { genes[$0] }
            for s in 0..<n where work.missing[s + i * n] {
                var sum = 0.0
                var count = 0
                for g in neighbours where !work.missing[s + g * n] {
                    sum += work.values[s + g * n]
                    count += 1
                }
                x[s, i] = count > 0 ? sum / Double(count) : .nan
            }
        }
    }

    /// Fortran `misdis`: mean squared difference between gene `a` and gene `b` over the samples
    /// both have, in sample order; 10¹⁰ when they share none.
    static func distance(_ values: [Double], _ missing: [Bool], from a: Int, to b: Int, n: Int) -> Double {
        var sum = 0.0
        var count = 0
        for s in 0..<n where !missing[s + a * n] && !missing[s + b * n] {
            let d = values[s + a * n] - values[s + b * n]
            sum += d * d
            count += 1
        }
        return count > 0 ? sum / Double(count) : 1e10
    }

    /// `meanimp` with `mean.miss`: remaining NaNs (and the set-aside genes' missing values) get
    /// the sample's mean over the kept genes' observed values (0 when a sample has none). As in
    /// impute, a single set-aside gene keeps 0 in its missing cells: R's `meanimp` skips a
    /// one-row matrix (`nrow(x) > 1`), and `knnimp` has already put 0 there.
    private static func meanImpute(_ x: inout Matrix, work: Work, genes: [Int]) {
        let n = work.n
        var setAside = [Bool](repeating: true, count: x.columns)
        for g in genes { setAside[g] = false }
        let setAsideCount = setAside.filter { $0 }.count
        for s in 0..<n {
            var sum = 0.0
            var count = 0
            for g in genes where !work.missing[s + g * n] {
                sum += work.values[s + g * n]
                count += 1
            }
            let mean = count > 0 ? sum / Double(count) : 0
            for j in 0..<x.columns where x[s, j].isNaN {
                x[s, j] = setAside[j] && setAsideCount < 2 ? 0 : mean
            }
        }
    }
}
