import LinearAlgebra

/// Every p-value and per-feature Benjamini–Hochberg q-value of a genes × features correlation
/// matrix.
///
/// A column whose pairs all have the full n (no missing values) takes the fast route: p from
/// `CorrelationPValueTable`, the BH order from `AbsoluteOrder` (|r| descending is p ascending
/// for one n), then statsmodels' step-up q_(i) = min_{j ≥ i} p_(j)/(j/m), capped at 1
/// (Benjamini & Hochberg 1995). A column with pairwise-complete n that varies evaluates the
/// exact p for each n and sorts by p. With a bound α, p-values above α and q-values above α
/// are returned as NaN (the significant pairs are unchanged).
enum AllPairsBH {
    /// p and q (genes × features).
    static func pq(
        r: Matrix, pairs: PairCounts, alpha: Double?, fullN: Int, table: CorrelationPValueTable?
    ) -> (p: Matrix, q: Matrix) {
        let G = r.rows
        var p = Matrix(rows: G, columns: r.columns, repeating: .nan)
        var q = Matrix(rows: G, columns: r.columns, repeating: .nan)
        var order = AbsoluteOrder()
        var sortedP: [Double] = []
        for f in 0..<r.columns {
            let range = (f * G)..<((f + 1) * G)
            if let table, pairs.all(range, equal: Int32(fullN)) {
                fastColumn(r: r, range: range, table: table, order: &order, sortedP: &sortedP, p: &p, q: &q)
            } else {
                slowColumn(r: r, pairs: pairs, range: range, fullN: fullN, table: table, p: &p, q: &q)
            }
        }
        if let alpha {
            for k in p.storage.indices {
                if !(p.storage[k] <= alpha) { p.storage[k] = .nan }
                if !(q.storage[k] <= alpha) { q.storage[k] = .nan }
            }
        }
        return (p, q)
    }

    /// A column with the full n everywhere: p is evaluated in |r| order into `sortedP` (|r|
    /// read back from the sorted keys: sequential, independent evaluations that mostly hit one
    /// table cell after another), then the running minimum of BH runs from the largest rank
    /// down and both values are scattered to their genes.
    static func fastColumn(
        r: Matrix, range: Range<Int>, table: CorrelationPValueTable, order: inout AbsoluteOrder,
        sortedP: inout [Double], p: inout Matrix, q: inout Matrix
    ) {
        if sortedP.count < range.count { sortedP = [Double](repeating: 0, count: range.count) }
        r.storage.withUnsafeBufferPointer { rAll in
            p.storage.withUnsafeMutableBufferPointer { pAll in
                q.storage.withUnsafeMutableBufferPointer { qAll in
                    sortedP.withUnsafeMutableBufferPointer { sp in
                        let ps = UnsafeMutableBufferPointer(rebasing: pAll[range])
                        let qs = UnsafeMutableBufferPointer(rebasing: qAll[range])
                        order.sorted(UnsafeBufferPointer(rebasing: rAll[range])) { keys, idx in
                            table.withTable { evaluate in
                                for i in 0..<keys.count { sp[i] = evaluate(AbsoluteOrder.magnitude(keys[i])) }
                            }
                            let md = Double(idx.count)
                            var running = Double.infinity
                            var rank = idx.count
                            while rank >= 1 {
                                let k = Int(idx[rank - 1])
                                let pv = sp[rank - 1]
                                ps[k] = pv
                                running = min(running, pv / (Double(rank) / md))
                                qs[k] = min(1, running)
                                rank -= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// A column whose pairwise-complete n varies: exact p per n, BH by sorting p.
    static func slowColumn(
        r: Matrix, pairs: PairCounts, range: Range<Int>, fullN: Int, table: CorrelationPValueTable?, p: inout Matrix,
        q: inout Matrix
    ) {
        let G = range.count
        guard let rc = try? Matrix(rows: G, columns: 1, columnMajor: Array(r.storage[range])) else { return }
        let nc = pairs[range]
        let pc = FeatureGeneCorrelation.pValues(r: rc, pairs: nc, upTo: nil, fullN: fullN, table: table)
        let qc = FeatureGeneCorrelation.qValues(r: rc, p: pc, pairs: nc, upTo: nil)
        for (j, k) in range.enumerated() {
            p.storage[k] = pc.storage[j]
            q.storage[k] = qc.storage[j]
        }
    }
}
