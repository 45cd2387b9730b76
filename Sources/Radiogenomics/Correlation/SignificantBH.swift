import LinearAlgebra
import Modeling

/// Per-feature Benjamini–Hochberg significance with the fewest incomplete beta evaluations.
///
/// For one n the two-sided p-value is a decreasing function of |r|, so ranking by |r|
/// (descending; index ascending on ties) is ranking by p. The BH cut is the largest rank k with
/// p_(k) ≤ α·k/m (Benjamini & Hochberg 1995, step-up); the pairs of rank ≤ k are exactly those
/// with q ≤ α, and their q_(i) = min_{i ≤ j ≤ k} p_(j)·m/j (ranks above k have p_(j)·m/j > α).
/// The cut is found by a range search: since p_(j) ≥ p_(lo) on [lo, hi], the whole range is
/// rejected when p_(lo) > α·hi/m, so under the null only O(log m) p-values are evaluated.
/// Columns whose pairs do not share one n fall back to evaluating every p ≤ α.
enum SignificantBH {
    /// p and q (genes × features) with values only where q ≤ α, NaN elsewhere.
    static func pq(
        r: Matrix, pairs: PairCounts, alpha: Double, fullN: Int, table: CorrelationPValueTable?
    ) -> (p: Matrix, q: Matrix) {
        let G = r.rows
        var p = Matrix(rows: G, columns: r.columns, repeating: .nan)
        var q = Matrix(rows: G, columns: r.columns, repeating: .nan)
        var kernels: [Int32: (threshold: Double, kernel: CorrelationPValueKernel)] = [:]
        for f in 0..<r.columns {
            let base = f * G
            let n0 = pairs[base]
            let uniform = pairs.all(base..<(base + G), equal: n0)
            guard uniform else {
                fallback(r: r, pairs: pairs, column: f, alpha: alpha, fullN: fullN, table: table, p: &p, q: &q)
                continue
            }
            guard n0 >= 3 else { continue }
            if kernels[n0] == nil {
                let threshold = FeatureGeneCorrelation.criticalR(n: Int(n0), alpha: alpha) * (1 - 1e-9)
                kernels[n0] = (threshold, CorrelationPValueKernel(n: Int(n0), fullN: fullN, table: table))
            }
            guard let (threshold, kernel) = kernels[n0] else { continue }
            column(r: r, base: base, threshold: threshold, kernel: kernel, alpha: alpha, p: &p, q: &q)
        }
        return (p, q)
    }

    /// One column with a common n.
    static func column(
        r: Matrix, base: Int, threshold: Double, kernel: CorrelationPValueKernel, alpha: Double, p: inout Matrix,
        q: inout Matrix
    ) {
        let G = r.rows
        var m = 0
        var candidates: [Int] = []
        for k in base..<(base + G) {
            let v = r.storage[k]
            guard !v.isNaN else { continue }
            m += 1
            if abs(v) >= threshold { candidates.append(k) }
        }
        guard m > 0, !candidates.isEmpty else { return }
        candidates.sort {
            let a = abs(r.storage[$0])
            let b = abs(r.storage[$1])
            return a > b || (a == b && $0 < $1)
        }
        var memo = Array(repeating: Double.nan, count: candidates.count)
        /// p of 1-based rank `rank`, evaluated once.
        func pAt(_ rank: Int) -> Double {
            if memo[rank - 1].isNaN { memo[rank - 1] = kernel.p(r.storage[candidates[rank - 1]]) }
            return memo[rank - 1]
        }
        let md = Double(m)
        /// Largest rank in lo...hi with p ≤ α·rank/m, or 0.
        func cut(_ lo: Int, _ hi: Int) -> Int {
            guard lo <= hi, pAt(lo) <= alpha * (Double(hi) / md) else { return 0 }
            if hi - lo < 8 {
                for rank in stride(from: hi, through: lo, by: -1) where pAt(rank) <= alpha * (Double(rank) / md) {
                    return rank
                }
                return 0
            }
            let mid = (lo + hi) / 2
            let upper = cut(mid + 1, hi)
            return upper > 0 ? upper : cut(lo, mid)
        }
        let k = cut(1, candidates.count)
        guard k > 0 else { return }
        var running = Double.infinity
        for rank in stride(from: k, through: 1, by: -1) {
            let pv = pAt(rank)
            running = min(running, pv / (Double(rank) / md))
            let idx = candidates[rank - 1]
            p.storage[idx] = pv
            q.storage[idx] = min(1, running)
        }
    }

    /// A column with pairwise-complete n that varies: every p ≤ α evaluated, then BH.
    static func fallback(
        r: Matrix, pairs: PairCounts, column f: Int, alpha: Double, fullN: Int, table: CorrelationPValueTable?,
        p: inout Matrix, q: inout Matrix
    ) {
        let G = r.rows
        let range = (f * G)..<((f + 1) * G)
        let rc = try? Matrix(rows: G, columns: 1, columnMajor: Array(r.storage[range]))
        guard let rc else { return }
        let nc = pairs[range]
        let pc = FeatureGeneCorrelation.pValues(r: rc, pairs: nc, upTo: alpha, fullN: fullN, table: table)
        let qc = FeatureGeneCorrelation.qValues(r: rc, p: pc, pairs: nc, upTo: alpha)
        for (j, k) in range.enumerated() where !qc.storage[j].isNaN {
            p.storage[k] = pc.storage[j]
            q.storage[k] = qc.storage[j]
        }
    }
}
