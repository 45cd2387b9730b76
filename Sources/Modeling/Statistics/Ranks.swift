/// Ranks with ties, as R's `rank(ties.method = "average")` and SciPy's `rankdata`.
public enum Ranks {
    /// 1-based ranks of `values`; tied values share the mean of the ranks they span.
    ///
    /// The sort is stable on the original index, so the result does not depend on the input
    /// order of tied values. NaN values are not allowed (callers reject them first).
    public static func average(_ values: [Double]) -> [Double] {
        averageWithTies(values).ranks
    }

    /// Average ranks plus the size of every tie group (for tie corrections, e.g. Mann–Whitney).
    public static func averageWithTies(_ values: [Double]) -> (ranks: [Double], tieSizes: [Int]) {
        let n = values.count
        let order = (0..<n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: n)
        var tieSizes: [Int] = []
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = rank }
            tieSizes.append(j - i + 1)
            i = j + 1
        }
        return (ranks, tieSizes)
    }
}
