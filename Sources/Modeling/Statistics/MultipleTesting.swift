/// Multiple-testing corrections.
public enum MultipleTesting {
    /// Benjamini–Hochberg adjusted p-values (q-values), as R's `p.adjust(p, "BH")`.
    ///
    /// q₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎/j, capped at 1, where m counts the non-NaN p-values;
    /// NaN inputs stay NaN (R drops NA the same way).
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let valid = p.indices.filter { !p[$0].isNaN }
        let m = valid.count
        var q = [Double](repeating: .nan, count: p.count)
        guard m > 0 else { return q }
        let order = valid.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 > $1) }
        var running = 1.0
        for (k, index) in order.enumerated() {
            let rank = m - k
            running = min(running, p[index] * Double(m) / Double(rank))
            q[index] = min(1, running)
        }
        return q
    }
}
