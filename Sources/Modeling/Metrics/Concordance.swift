import Foundation

/// Harrell's concordance index for right-censored data.
public enum Concordance {
    /// C-index of risk scores (higher = earlier event) with a 95% CI.
    ///
    /// Pairs follow lifelines' `concordance_index` (and Harrell 1996): (i, j) is comparable when
    /// i had an event and tᵢ < tⱼ, or tᵢ = tⱼ with i an event and j censored; concordant when
    /// riskᵢ > riskⱼ, ½ for tied risks. The standard error is the delta-method (U-statistic)
    /// one of Pencina & D'Agostino (2004, Stat Med 23:2109) from each subject's share of
    /// concordant and comparable pairs.
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
        let nd = Double(n)
        // Influence of subject i on C = θ_c/θ_p, each θ a U-statistic of order 2.
        let thetaP = totalP / (nd * (nd - 1) / 2)
        let psi = (0..<n).map { (concordant[$0] - c * comparable[$0]) / (nd - 1) / thetaP }
        let mean = psi.reduce(0, +) / nd
        let v = psi.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / (nd - 1)
        let se = (4 * v / nd).squareRoot()
        let z = NormalDistribution.standardQuantile(0.975)
        return (c, max(0, c - z * se), min(1, c + z * se))
    }
}
