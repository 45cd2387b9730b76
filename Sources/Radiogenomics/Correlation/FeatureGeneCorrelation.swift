import LinearAlgebra
import Modeling
import RadVaultCore

/// Correlation method for feature–gene pairs.
public enum CorrelationMethod: String, Sendable, Codable, Equatable {
    case pearson
    case spearman
}

/// Every feature × gene correlation with its two-sided p-value and per-feature BH q-value.
///
/// Layout: genes × features, column-major, so each feature's genes are contiguous (BH runs
/// per feature, as in the radiogenomics literature).
public struct FeatureGeneCorrelation: Sendable {
    public let method: CorrelationMethod
    public let features: [String]
    public let genes: [String]
    /// genes × features correlation coefficients (NaN when a profile is constant).
    public let r: Matrix
    /// genes × features two-sided p-values (t distribution with n − 2 df, as scipy).
    public let p: Matrix
    /// genes × features Benjamini–Hochberg q-values, per feature (column).
    public let q: Matrix
    /// genes × features number of complete pairs used (materialised on access).
    public var pairs: [Int32] { pairCounts.dense ?? Array(repeating: pairCounts.full, count: r.storage.count) }
    /// The pair counts, stored densely only when some pair lacks a sample.
    let pairCounts: PairCounts

    /// Correlates every column of `features` (samples × F) with every column of `genes`
    /// (samples × G); rows are the same samples in the same order.
    ///
    /// Columns without missing values go through one GEMM of standardised matrices
    /// (r = Zxᵀ Zy, column sums in Swift in a fixed order); a pair involving a column with
    /// missing values uses its complete observations only (R's `use = "pairwise.complete.obs"`,
    /// scipy on the dropped-NaN vectors), with ranks recomputed on those for Spearman.
    ///
    /// p-values: for the pairs with the full n (no missing value) from `CorrelationPValueTable`
    /// (verified against the exact incomplete beta to ~1e-13 relative while it is built), else
    /// exactly; per-feature BH q-values in the |r| order (`AllPairsBH`). 3·10⁷ pairs take about
    /// a second beyond the GEMM.
    ///
    /// `pValuesUpTo`: when set to α, p-values above α and q-values above α are returned as NaN;
    /// the significant pairs at FDR α are exactly those of the unbounded call (BH's q_(i) ≤ α
    /// depends only on p-values ≤ α, with m counting every valid pair).
    public static func compute(
        features: Matrix, featureNames: [String], genes: Matrix, geneNames: [String], method: CorrelationMethod,
        pValuesUpTo alpha: Double? = nil
    ) throws -> FeatureGeneCorrelation {
        try compute(
            features: features, featureNames: featureNames, genes: genes, geneNames: geneNames, method: method,
            pValuesUpTo: alpha, significantOnly: false)
    }

    /// As the public `compute`; with `significantOnly` and a bound α, p- and q-values are kept
    /// only for the pairs with q ≤ α (`SignificantBH`): the significant pairs are the same, at
    /// a handful of incomplete beta evaluations per feature instead of one per p ≤ α.
    static func compute(
        features: Matrix, featureNames: [String], genes: Matrix, geneNames: [String], method: CorrelationMethod,
        pValuesUpTo alpha: Double?, significantOnly: Bool
    ) throws -> FeatureGeneCorrelation {
        guard features.rows == genes.rows else {
            throw RadVaultError.internalError("correlation: \(features.rows) feature rows vs \(genes.rows) gene rows")
        }
        let n = features.rows
        let fx = Standardised(method == .spearman ? CorrelationKernel.ranked(features) : features)
        let gy = Standardised(method == .spearman ? CorrelationKernel.ranked(genes) : genes)
        var r = BLAS.gemm(gy.z, transposeA: true, fx.z)
        var dense: [Int32]?
        let G = genes.columns
        let missingGenes = (0..<G).filter { gy.hasMissing[$0] }
        let constantGenes = (0..<G).filter { !gy.hasMissing[$0] && gy.constant[$0] }
        for f in 0..<features.columns {
            for g in (fx.hasMissing[f] ? Array(0..<G) : missingGenes) {
                let (value, count) = CorrelationKernel.pairwise(features.column(f), genes.column(g), method: method)
                r[g, f] = value
                if dense == nil { dense = Array(repeating: Int32(n), count: r.storage.count) }
                dense?[g + f * G] = Int32(count)
            }
            guard !fx.hasMissing[f] else { continue }
            for g in (fx.constant[f] ? Array(0..<G).filter { !gy.hasMissing[$0] } : constantGenes) {
                r[g, f] = .nan
            }
        }
        let pairs = PairCounts(full: Int32(n), dense: dense)
        let table = n >= 3 ? CorrelationPValueTable(n: n) : nil
        if significantOnly, let alpha {
            let (p, q) = SignificantBH.pq(r: r, pairs: pairs, alpha: alpha, fullN: n, table: table)
            return FeatureGeneCorrelation(
                method: method, features: featureNames, genes: geneNames, r: r, p: p, q: q, pairCounts: pairs)
        }
        let (p, q) = AllPairsBH.pq(r: r, pairs: pairs, alpha: alpha, fullN: n, table: table)
        return FeatureGeneCorrelation(
            method: method, features: featureNames, genes: geneNames, r: r, p: p, q: q, pairCounts: pairs)
    }

    /// Per-feature (per-column) BH q-values; m counts every pair with a valid r and n ≥ 3, and
    /// only the evaluated p-values are ranked (the others are known to be larger). With a bound
    /// α, q-values above α become NaN. Same ordering and arithmetic as
    /// statsmodels `multipletests(method="fdr_bh")`, without copying whole columns.
    static func qValues(r: Matrix, p: Matrix, pairs: [Int32], upTo alpha: Double?) -> Matrix {
        let G = r.rows
        var q = Matrix(rows: G, columns: r.columns, repeating: .nan)
        r.storage.withUnsafeBufferPointer { rs in
            p.storage.withUnsafeBufferPointer { ps in
                q.storage.withUnsafeMutableBufferPointer { qs in
                    pairs.withUnsafeBufferPointer { ns in
                        var evaluated: [Int] = []
                        for f in 0..<r.columns {
                            let base = f * G
                            var m = 0
                            evaluated.removeAll(keepingCapacity: true)
                            for g in 0..<G {
                                let k = base + g
                                if !rs[k].isNaN && ns[k] >= 3 { m += 1 }
                                if !ps[k].isNaN { evaluated.append(k) }
                            }
                            guard m > 0 else { continue }
                            evaluated.sort { ps[$0] < ps[$1] || (ps[$0] == ps[$1] && $0 < $1) }
                            var running = Double.infinity
                            for rank in stride(from: evaluated.count, through: 1, by: -1) {
                                let k = evaluated[rank - 1]
                                running = min(running, ps[k] / (Double(rank) / Double(m)))
                                let value = min(1, running)
                                if let alpha, !(value <= alpha) { continue }
                                qs[k] = value
                            }
                        }
                    }
                }
            }
        }
        return q
    }

    /// Two-sided p-values; with a bound α, only where |r| reaches the critical value for p ≤ α
    /// (less a 1e-9 relative margin, so every p ≤ α is evaluated), NaN elsewhere. Pairs with the
    /// full n use `table`, others the exact function with log B(a, 1/2) computed once per n.
    static func pValues(
        r: Matrix, pairs: [Int32], upTo alpha: Double?, fullN: Int, table: CorrelationPValueTable?
    ) -> Matrix {
        var p = Matrix(rows: r.rows, columns: r.columns, repeating: .nan)
        var cache: [Int32: (threshold: Double, kernel: CorrelationPValueKernel)] = [:]
        for k in 0..<r.storage.count {
            let nk = pairs[k]
            guard nk >= 3 else { continue }
            if cache[nk] == nil {
                let threshold = alpha.map { criticalR(n: Int(nk), alpha: $0) * (1 - 1e-9) } ?? 0
                cache[nk] = (threshold, CorrelationPValueKernel(n: Int(nk), fullN: fullN, table: table))
            }
            guard let (threshold, kernel) = cache[nk] else { continue }
            let v = r.storage[k]
            if alpha != nil && !(abs(v) >= threshold) { continue }
            p.storage[k] = kernel.p(v)
        }
        return p
    }

    /// The smallest |r| with p ≤ α for n pairs (bisection on the monotone p(|r|)).
    static func criticalR(n: Int, alpha: Double) -> Double {
        guard n >= 3 else { return .infinity }
        var lo = 0.0
        var hi = 1.0
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            if Correlation.pValue(r: mid, n: n) <= alpha { hi = mid } else { lo = mid }
        }
        return lo
    }

    /// Pairs with q ≤ `fdr` (and |r| ≥ `minAbsR`), ordered by feature, then q, then gene name.
    public func significantPairs(fdr: Double, minAbsR: Double = 0) -> [CorrelationPair] {
        var out: [CorrelationPair] = []
        let G = genes.count
        for f in features.indices {
            var rows: [CorrelationPair] = []
            for g in 0..<G {
                let k = g + f * G
                let qv = q.storage[k]
                guard !qv.isNaN, qv <= fdr, abs(r.storage[k]) >= minAbsR else { continue }
                rows.append(
                    CorrelationPair(
                        feature: features[f], gene: genes[g], r: r.storage[k], p: p.storage[k], q: qv,
                        n: Int(pairCounts[k])))
            }
            rows.sort { ($0.q, $0.gene) < ($1.q, $1.gene) }
            out += rows
        }
        return out
    }
}

/// One significant feature–gene pair.
public struct CorrelationPair: Sendable, Codable, Equatable {
    public var feature: String
    public var gene: String
    public var r: Double
    public var p: Double
    public var q: Double
    public var n: Int
}

/// Complete-pair counts of a genes × features correlation: one n for every pair unless some
/// profile has missing values (then one Int32 per pair), so the common case stores nothing.
struct PairCounts: Sendable {
    let full: Int32
    let dense: [Int32]?

    /// The count of element k.
    subscript(k: Int) -> Int32 { dense?[k] ?? full }

    /// The counts of a range as an array.
    subscript(range: Range<Int>) -> [Int32] {
        dense.map { Array($0[range]) } ?? Array(repeating: full, count: range.count)
    }

    /// True when every count in `range` equals `n`.
    func all(_ range: Range<Int>, equal n: Int32) -> Bool {
        guard let dense else { return n == full }
        return !dense[range].contains { $0 != n }
    }
}
