import Foundation

/// WGCNA's `scaleFreeFitIndex(k, nBreaks, removeFirst = FALSE)`.
///
/// k is cut into nBreaks equal-width bins as R's `cut(k, nBreaks)` (range widened by 1/1000
/// at both ends, right-closed); per bin the mean k (bin mid-point of `hist` when empty or 0)
/// and the frequency p(k); then least squares of log10(p + 1e-9) on log10(mean k) gives
/// R² and slope, and adding 10^log10(k) as a regressor gives the truncated-exponential
/// adjusted R².
struct ScaleFreeFit {
    var rSquared: Double
    var slope: Double
    var truncatedAdjustedRSquared: Double

    init(k: [Double], nBreaks: Int) {
        let lo = k.min() ?? 0
        let hi = k.max() ?? 0
        let cutBreaks = Self.cutBreaks(lo: lo, hi: hi, nBreaks: nBreaks)
        var sums = Array(repeating: 0.0, count: nBreaks)
        var counts = Array(repeating: 0, count: nBreaks)
        var members = Array(repeating: [Double](), count: nBreaks)
        for v in k {
            var b = 0
            while b < nBreaks - 1 && !(v <= cutBreaks[b + 1]) { b += 1 }
            sums[b] += v
            counts[b] += 1
            members[b].append(v)
        }
        let histBreaks = Self.seqDefault(from: lo, to: hi, count: nBreaks + 1)
        var x = [Double]()
        var y = [Double]()
        for b in 0..<nBreaks {
            let mid = 0.5 * (histBreaks[b] + histBreaks[b + 1])
            var dk = counts[b] > 0 ? SoftThreshold.rMean(members[b]) : mid
            if dk == 0 { dk = mid }
            x.append(log10(dk))
            y.append(log10(Double(counts[b]) / Double(k.count) + 1e-9))
        }
        let (r2, slope) = Self.simpleRegression(x, y)
        rSquared = r2
        self.slope = slope
        truncatedAdjustedRSquared = Self.twoRegressorAdjustedR2(x, x.map { pow(10, $0) }, y)
    }

    /// `cut.default` breaks: `seq.int(lo, hi, length.out = nb + 1)` (symmetric interior
    /// formula), ends widened by range/1000.
    static func cutBreaks(lo: Double, hi: Double, nBreaks: Int) -> [Double] {
        let nb = nBreaks + 1
        var dx = hi - lo
        if dx == 0 {
            dx = lo != 0 ? abs(lo) : 1
            return seqInt(from: lo - dx / 1000, to: hi + dx / 1000, count: nb)
        }
        var b = seqInt(from: lo, to: hi, count: nb)
        b[0] = lo - dx / 1000
        b[nb - 1] = hi + dx / 1000
        return b
    }

    /// R's primitive `seq.int(from, to, length.out)`.
    static func seqInt(from: Double, to: Double, count: Int) -> [Double] {
        var out = Array(repeating: from, count: count)
        if count > 1 { out[count - 1] = to }
        if count > 2 {
            let by = (to - from) / Double(count - 1)
            for i in 1..<(count - 1) {
                out[i] = i < count / 2 ? from + Double(i) * by : to - Double(count - 1 - i) * by
            }
        }
        return out
    }

    /// R's `seq.default(from, to, length.out)`: from + i·by inside, `to` last.
    static func seqDefault(from: Double, to: Double, count: Int) -> [Double] {
        if from == to { return Array(repeating: from, count: count) }
        let n1 = Double(count - 1)
        return (0..<count).map { i in i == count - 1 ? to : from + Double(i) * ((to - from) / n1) }
    }

    /// R² and slope of y on x with intercept.
    static func simpleRegression(_ x: [Double], _ y: [Double]) -> (Double, Double) {
        let mx = SoftThreshold.rMean(x)
        let my = SoftThreshold.rMean(y)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for i in x.indices {
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
            sxy += (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 0, syy > 0 else { return (.nan, sxx > 0 ? sxy / sxx : .nan) }
        return (sxy * sxy / (sxx * syy), sxy / sxx)
    }

    /// Adjusted R² of y on (x1, x2) with intercept (centred normal equations).
    static func twoRegressorAdjustedR2(_ x1: [Double], _ x2: [Double], _ y: [Double]) -> Double {
        let n = Double(y.count)
        let m1 = SoftThreshold.rMean(x1)
        let m2 = SoftThreshold.rMean(x2)
        let my = SoftThreshold.rMean(y)
        var s11 = 0.0, s22 = 0.0, s12 = 0.0, s1y = 0.0, s2y = 0.0, syy = 0.0
        for i in y.indices {
            let a = x1[i] - m1
            let b = x2[i] - m2
            let c = y[i] - my
            s11 += a * a
            s22 += b * b
            s12 += a * b
            s1y += a * c
            s2y += b * c
            syy += c * c
        }
        let det = s11 * s22 - s12 * s12
        guard syy > 0, abs(det) > 1e-300 else { return .nan }
        let b1 = (s22 * s1y - s12 * s2y) / det
        let b2 = (s11 * s2y - s12 * s1y) / det
        let r2 = (b1 * s1y + b2 * s2y) / syy
        return 1 - (1 - r2) * (n - 1) / (n - 3)
    }
}
