import Foundation

/// The hypergeometric distribution (over-representation tests in enrichment analysis).
public enum Hypergeometric {
    /// P(X ≥ k) when drawing `draws` items without replacement from a population of
    /// `population` items of which `successes` are successes (R's `phyper(k - 1, …,
    /// lower.tail = FALSE)`).
    ///
    /// Sums the probability mass from k upward with log-gamma terms, largest term first for
    /// accuracy; returns 1 for k ≤ max(0, draws + successes − population).
    public static func upperTail(k: Int, population: Int, successes: Int, draws: Int) -> Double {
        guard population >= 0, successes >= 0, successes <= population, draws >= 0, draws <= population else {
            return .nan
        }
        let lowest = max(0, draws + successes - population)
        let highest = min(draws, successes)
        if k <= lowest { return 1 }
        if k > highest { return 0 }
        let terms = (k...highest).map { logPMF($0, population: population, successes: successes, draws: draws) }
        let top = terms.max() ?? 0
        var sum = 0.0
        for t in terms.sorted(by: >) { sum += exp(t - top) }
        return min(1, exp(top) * sum)
    }

    /// log P(X = x).
    public static func logPMF(_ x: Int, population: Int, successes: Int, draws: Int) -> Double {
        SpecialFunctions.logChoose(successes, x) + SpecialFunctions.logChoose(population - successes, draws - x)
            - SpecialFunctions.logChoose(population, draws)
    }
}
