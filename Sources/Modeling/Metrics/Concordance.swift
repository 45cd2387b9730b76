import Foundation

/// Harrell's concordance index for right-censored data.
public enum Concordance {
    /// C-index of risk scores (higher = earlier event) with a 95% CI.
    ///
    /// Pairs follow lifelines' `concordance_index` (and Harrell 1996): (i, j) is comparable when
    /// i had an event and tᵢ < tⱼ, or tᵢ = tⱼ with i an event and j censored; concordant when
    /// riskᵢ > riskⱼ, ½ for tied risks. The 95% CI is C ± z·√var with the infinitesimal-jackknife
    /// variance of R survival's `concordance()` (Therneau & Watson 2017, "The concordance
    /// statistic and the Cox model"; the "se" of `summary.coxph`): var = Σᵢ ((cᵢ − C·pᵢ)/P)²,
    /// with cᵢ and pᵢ subject i's share of the concordant and comparable pairs and P the number
    /// of comparable pairs; clipped to [0, 1].
    public static func harrell(risk: [Double], survival: SurvivalData) -> (c: Double, lower: Double, upper: Double) {
        let n = risk.count
        var concordant = [Double](repeating: 0, count: n)
        var comparable = [Double](repeating: 0, count: n)
        var totalC = 0.0
        var totalP = 0.0
        for i in 0..<n where survival.event[i] {
            for j in 0..<n where j != i {
                let earlier = survival.time[i] < survival.time[j]
                let tiedCensored = survival.time[i] == survival.time[j] && !survival.event[j]
                guard earlier || tiedCensored else { continue }
                let score: Double = risk[i] > risk[j] ? 1 : (risk[i] == risk[j] ? 0.5 : 0)
                concordant[i] += score
                concordant[j] += score
                comparable[i] += 1
                comparable[j] += 1
                totalC += score
                totalP += 1
            }
        }
        guard totalP > 0 else { return (.nan, .nan, .nan) }
        let c = totalC / totalP
        // Why: dC/dwᵢ = (cᵢ − C·pᵢ)/P is subject i's influence when every pair is weighted wᵢwⱼ;
        // summed in subject order so the bits do not depend on anything else.
        var variance = 0.0
        for i in 0..<n {
            let influence = (concordant[i] - c * comparable[i]) / totalP
            variance += influence * influence
        }
        let se = variance.squareRoot()
        let z = NormalDistribution.standardQuantile(0.975)
        return (c, max(0, c - z * se), min(1, c + z * se))
    }
}
