/// Benjamini–Hochberg false-discovery-rate adjustment and ranking helpers.
public enum MultipleTesting {
    /// BH q-values, as statsmodels `multipletests(method="fdr_bh")` computes them:
    /// sort p ascending (stable), q_(i) = p_(i) / (i/m), running minimum from the largest p down,
    /// capped at 1. NaN p-values are left NaN and not counted in m (as R's `p.adjust`).
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        benjaminiHochberg(p, count: p.filter { !$0.isNaN }.count)
    }

    /// BH with m given: NaN entries are tests whose p-value was not evaluated because it is
    /// known to exceed every evaluated one (they rank last and stay NaN).
    public static func benjaminiHochberg(_ p: [Double], count m: Int) -> [Double] {
        var q = Array(repeating: Double.nan, count: p.count)
        let valid = p.indices.filter { !p[$0].isNaN }
        guard m > 0 else { return q }
        let order = valid.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var running = Double.infinity
        for rank in stride(from: valid.count, through: 1, by: -1) {
            let idx = order[rank - 1]
            let raw = p[idx] / (Double(rank) / Double(m))
            running = min(running, raw)
            q[idx] = min(1, running)
        }
        return q
    }

    /// Average ranks (1-based, ties share the mean of their ranks), as scipy `rankdata`
    /// ("average") and R `rank` (ties.method = "average").
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var ranks = Array(repeating: 0.0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let r = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = r }
            i = j + 1
        }
        return ranks
    }
}
