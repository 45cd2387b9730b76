import Foundation

/// The histogram-shape kernels of IBSI-1 §3.4 (mode, entropy, uniformity, gradient).
extension IntensityHistogramFeatures {
    /// IBSI §3.4.10: the most frequent grey level; among equally frequent ones the closest to
    /// the mean, and of two equidistant ones the lower ("the bin to the left of the mean").
    static func mode(_ h: Histogram) -> Double {
        let top = h.counts.max() ?? 0
        let mean = h.summary.mean
        var best = 0
        var bestDistance = Double.infinity
        for (offset, count) in h.counts.enumerated() where count == top {
            let distance = abs(Double(offset + 1) - mean)
            if distance < bestDistance {
                best = offset + 1
                bestDistance = distance
            }
        }
        return Double(best)
    }

    /// IBSI §3.4.18: Shannon entropy in bits over the non-empty bins.
    static func entropy(_ h: Histogram) -> Double {
        let n = Double(h.voxelCount)
        var total = 0.0
        for count in h.counts where count > 0 {
            let p = Double(count) / n
            total -= p * log2(p)
        }
        return total
    }

    /// IBSI §3.4.19: Σ p_i².
    static func uniformity(_ h: Histogram) -> Double {
        let n = Double(h.voxelCount)
        return h.counts.reduce(0.0) { $0 + (Double($1) / n) * (Double($1) / n) }
    }

    /// The histogram gradient H′ of IBSI §3.4.20 (one entry per bin, 0 for a single bin).
    static func gradient(_ counts: [Int]) -> [Double] {
        let n = counts.count
        guard n > 1 else { return [0] }
        var g = [Double](repeating: 0, count: n)
        g[0] = Double(counts[1] - counts[0])
        g[n - 1] = Double(counts[n - 1] - counts[n - 2])
        if n > 2 {
            for i in 1..<(n - 1) { g[i] = Double(counts[i + 1] - counts[i - 1]) / 2 }
        }
        return g
    }

    /// The maximal (or minimal) gradient and the lowest grey level where it occurs
    /// (IBSI §3.4.20–§3.4.23).
    static func gradientExtreme(_ h: Histogram, maximum: Bool) -> (value: Double, level: Double) {
        let g = gradient(h.counts)
        var bestIndex = 0
        for i in 1..<g.count where maximum ? g[i] > g[bestIndex] : g[i] < g[bestIndex] {
            bestIndex = i
        }
        return (g[bestIndex], Double(bestIndex + 1))
    }
}
