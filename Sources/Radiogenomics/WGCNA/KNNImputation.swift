import LinearAlgebra

/// k-nearest-neighbour imputation of missing expression values, after `impute::impute.knn`
/// (Troyanskaya et al. 2001, Bioinformatics 17:520), as WGCNA's `moduleEigengenes` calls it on
/// each module (genes × samples, k = min(10, genes − 1)).
///
/// For a gene with missing samples: distances to every other gene are the mean squared
/// difference over the samples both have; each missing value is the average of that sample
/// over the k nearest genes (ties: lower index first) that have it. Genes missing more than
/// `rowMax` of their samples, and values no neighbour could fill, get the sample's mean over
/// genes (impute's `meanimp`). impute.knn splits gene sets larger than 1,500 by random
/// two-means clustering; modules here are imputed whole, which matches it below that size.
enum KNNImputation {
    /// Imputes `x` (samples × genes) in place; returns the number of values filled.
    @discardableResult
    static func impute(_ x: inout Matrix, k kMax: Int = 10, rowMax: Double = 0.5) -> Int {
        let n = x.rows
        let p = x.columns
        let missing = (0..<p).map { j in (0..<n).filter { x[$0, j].isNaN } }
        let total = missing.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        let k = min(kMax, p - 1)
        let heavy = (0..<p).map { Double(missing[$0].count) > (rowMax * Double(n)).rounded(.towardZero) }
        let original = x
        let usable = (0..<p).filter { !heavy[$0] }
        for j in usable where !missing[j].isEmpty && k > 0 {
            var dist: [(Double, Int)] = []
            for g in usable where g != j {
                var s = 0.0
                var m = 0
                for i in 0..<n where !original[i, j].isNaN && !original[i, g].isNaN {
                    let d = original[i, j] - original[i, g]
                    s += d * d
                    m += 1
                }
                if m > 0 { dist.append((s / Double(m), g)) }
            }
            dist.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            let neighbours = dist.prefix(k).map(\.1)
            for i in missing[j] {
                let vals = neighbours.map { original[i, $0] }.filter { !$0.isNaN }
                if !vals.isEmpty { x[i, j] = vals.reduce(0, +) / Double(vals.count) }
            }
        }
        meanImpute(&x, original: original, genes: usable)
        return total
    }

    /// Remaining NaNs get the sample's mean over the non-heavy genes' observed values.
    private static func meanImpute(_ x: inout Matrix, original: Matrix, genes: [Int]) {
        for i in 0..<x.rows {
            var s = 0.0
            var m = 0
            for g in genes where !original[i, g].isNaN {
                s += original[i, g]
                m += 1
            }
            let mean = m > 0 ? s / Double(m) : 0
            for j in 0..<x.columns where x[i, j].isNaN { x[i, j] = mean }
        }
    }
}
