import Foundation

/// ROC analysis: the curve, the Youden point and the AUC with DeLong's confidence interval.
public enum ROC {
    /// AUC = P(score₊ > score₋) + ½ P(tie), from mid-ranks (Mann–Whitney), exact with ties.
    public static func auc(scores: [Double], y: [Double]) -> Double { delong(scores: scores, y: y).auc }

    /// AUC with DeLong et al. (1988, Biometrics 44:837) 95% CI, using the fast rank-based
    /// structural components of Sun & Xu (2014, IEEE SPL 21:1389); as pROC's `ci.auc(method =
    /// "delong")`, on the AUC scale and clipped to [0, 1].
    public static func delong(scores: [Double], y: [Double]) -> (auc: Double, lower: Double, upper: Double) {
        let positives = scores.indices.filter { y[$0] == 1 }.map { scores[$0] }
        let negatives = scores.indices.filter { y[$0] != 1 }.map { scores[$0] }
        let m = Double(positives.count)
        let n = Double(negatives.count)
        guard m > 0, n > 0 else { return (.nan, .nan, .nan) }
        let all = Ranks.average(positives + negatives)
        let rp = Ranks.average(positives)
        let rn = Ranks.average(negatives)
        // V10ᵢ = fraction of negatives a positive beats; V01ⱼ = fraction of positives beating a negative.
        let v10 = (0..<positives.count).map { (all[$0] - rp[$0]) / n }
        let v01 = (0..<negatives.count).map { 1 - (all[positives.count + $0] - rn[$0]) / m }
        // Why: U = Σ ranks₊ − m(m+1)/2 is exact (half-integers), so U/(mn) is the correctly
        // rounded AUC, independent of summation order.
        let u = rp.indices.reduce(0.0) { $0 + all[$1] } - m * (m + 1) / 2
        let auc = u / (m * n)
        let s10 = variance(v10)
        let s01 = variance(v01)
        let se = (s10 / m + s01 / n).squareRoot()
        let z = NormalDistribution.standardQuantile(0.975)
        guard se.isFinite else { return (auc, .nan, .nan) }
        return (auc, max(0, auc - z * se), min(1, auc + z * se))
    }

    static func variance(_ v: [Double]) -> Double {
        guard v.count > 1 else { return .nan }
        let mean = v.reduce(0, +) / Double(v.count)
        return v.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1)
    }

    /// ROC points at every distinct score, from the highest threshold down (plus (0, 0) at +∞).
    public static func curve(scores: [Double], y: [Double]) -> [ROCPoint] {
        let p = Double(y.filter { $0 == 1 }.count)
        let n = Double(y.count) - p
        let order = scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        var points = [ROCPoint(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0)]
        var tp = 0.0
        var fp = 0.0
        var i = 0
        while i < order.count {
            let t = scores[order[i]]
            while i < order.count, scores[order[i]] == t {
                if y[order[i]] == 1 { tp += 1 } else { fp += 1 }
                i += 1
            }
            points.append(
                ROCPoint(
                    threshold: t, falsePositiveRate: n > 0 ? fp / n : .nan, truePositiveRate: p > 0 ? tp / p : .nan))
        }
        return points
    }

    /// The point maximising Youden's J = sensitivity + specificity − 1 (the highest threshold
    /// among ties).
    public static func youden(_ curve: [ROCPoint]) -> ROCPoint {
        var best = curve.first ?? ROCPoint(threshold: .nan, falsePositiveRate: .nan, truePositiveRate: .nan)
        for point in curve.dropFirst()
        where point.truePositiveRate - point.falsePositiveRate > best.truePositiveRate - best.falsePositiveRate {
            best = point
        }
        return best
    }
}
