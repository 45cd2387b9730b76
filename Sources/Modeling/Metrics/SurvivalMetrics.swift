/// Discrimination and risk-group separation of a survival model.
public struct SurvivalMetrics: Codable, Sendable, Equatable {
    public var subjects: Int
    public var events: Int
    public var cIndex: Double
    public var cIndexLower: Double
    public var cIndexUpper: Double
    /// The radscore cut-off (median of the training radscores): high = above it.
    public var threshold: Double
    public var logRankChiSquare: Double
    public var logRankP: Double
    public var curves: [KaplanMeierCurve]

    /// C-index of `eta` and Kaplan–Meier curves of η > threshold vs ≤ threshold.
    public static func evaluate(eta: [Double], survival: SurvivalData, threshold: Double) -> SurvivalMetrics {
        let (c, lower, upper) = Concordance.harrell(risk: eta, survival: survival)
        let group = eta.map { $0 > threshold ? 1 : 0 }
        var curves: [KaplanMeierCurve] = []
        for (g, label) in [(0, "low"), (1, "high")] {
            let rows = group.indices.filter { group[$0] == g }
            guard !rows.isEmpty else { continue }
            let sub = SurvivalData(time: rows.map { survival.time[$0] }, event: rows.map { survival.event[$0] })
            curves.append(KaplanMeierCurve.estimate(sub, label: label))
        }
        let logRank = curves.count == 2 ? LogRank.test(survival, group: group) : (chiSquare: .nan, pValue: .nan)
        return SurvivalMetrics(
            subjects: eta.count, events: survival.event.filter { $0 }.count, cIndex: c, cIndexLower: lower,
            cIndexUpper: upper, threshold: threshold, logRankChiSquare: logRank.chiSquare,
            logRankP: logRank.pValue, curves: curves)
    }
}
