import Foundation

/// One point of an ROC curve: classify positive when score ≥ threshold.
public struct ROCPoint: Codable, Sendable, Equatable {
    public var threshold: Double
    public var falsePositiveRate: Double
    public var truePositiveRate: Double
}

/// A calibration-curve bin: mean predicted probability vs observed event fraction.
public struct CalibrationBin: Codable, Sendable, Equatable {
    public var meanPredicted: Double
    public var observed: Double
    public var count: Int
}

/// Discrimination and calibration of a binary classifier.
public struct BinaryMetrics: Codable, Sendable, Equatable {
    public var subjects: Int
    public var positives: Int
    public var auc: Double
    /// DeLong 95% confidence interval of the AUC.
    public var aucLower: Double
    public var aucUpper: Double
    /// Youden-optimal threshold (on the score) and the sensitivity/specificity there.
    public var youdenThreshold: Double
    public var sensitivity: Double
    public var specificity: Double
    public var brier: Double
    public var calibrationIntercept: Double
    public var calibrationSlope: Double
    public var roc: [ROCPoint]
    public var calibration: [CalibrationBin]

    /// Metrics of linear predictors `eta` (the radscore; probabilities are σ(η)) against 0/1 `y`.
    public static func evaluate(eta: [Double], y: [Double]) -> BinaryMetrics {
        let probabilities = eta.map { 1 / (1 + exp(-$0)) }
        let (auc, lower, upper) = ROC.delong(scores: eta, y: y)
        let roc = ROC.curve(scores: eta, y: y)
        let best = ROC.youden(roc)
        let brier = zip(probabilities, y).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(y.count)
        let slope = (try? LogisticRegression.fit(columns: [eta], y: y))?.coefficients.first ?? .nan
        // Why: calibration-in-the-large is the intercept of a logistic model with η as offset
        // (Steyerberg, Clinical Prediction Models, §15.3).
        let intercept = (try? LogisticRegression.fit(columns: [], y: y, offset: eta))?.intercept ?? .nan
        return BinaryMetrics(
            subjects: y.count, positives: Int(y.reduce(0, +)), auc: auc, aucLower: lower, aucUpper: upper,
            youdenThreshold: best.threshold, sensitivity: best.truePositiveRate,
            specificity: 1 - best.falsePositiveRate, brier: brier, calibrationIntercept: intercept,
            calibrationSlope: slope, roc: roc, calibration: calibrationBins(probabilities, y, bins: 10))
    }

    /// Equal-count bins of the sorted predicted probabilities.
    static func calibrationBins(_ p: [Double], _ y: [Double], bins: Int) -> [CalibrationBin] {
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        let k = min(bins, order.count)
        guard k > 0 else { return [] }
        return (0..<k).map { b in
            let slice = order[(b * order.count / k)..<((b + 1) * order.count / k)]
            let m = slice.reduce(0.0) { $0 + p[$1] } / Double(slice.count)
            let o = slice.reduce(0.0) { $0 + y[$1] } / Double(slice.count)
            return CalibrationBin(meanPredicted: m, observed: o, count: slice.count)
        }
    }
}
