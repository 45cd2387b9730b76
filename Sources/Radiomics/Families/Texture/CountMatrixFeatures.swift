import Foundation

/// The features shared by the GLRLM, GLSZM, GLDZM and NGLDM (IBSI-1 §3.7, §3.9, §3.10, §3.12).
///
/// All four families define the same 16 statistics of a count matrix r_ij (grey level i, second
/// index j) — the NGLDM adds a 17th, the energy. With N_s = Σ r_ij, p_ij = r_ij / N_s,
/// r_i. and r_.j the marginal sums:
///
/// | # | statistic | formula |
/// |---|---|---|
/// | 0 | small-j emphasis | Σ_j r_.j / j² / N_s |
/// | 1 | large-j emphasis | Σ_j j² r_.j / N_s |
/// | 2 | low grey level emphasis | Σ_i r_i. / i² / N_s |
/// | 3 | high grey level emphasis | Σ_i i² r_i. / N_s |
/// | 4–7 | joint emphases | Σ r_ij/(i²j²), Σ i²r_ij/j², Σ j²r_ij/i², Σ i²j²r_ij (each / N_s) |
/// | 8, 9 | grey level non-uniformity, normalised | Σ_i r_i.² / N_s, / N_s² |
/// | 10, 11 | j non-uniformity, normalised | Σ_j r_.j² / N_s, / N_s² |
/// | 12 | percentage | N_s / N_v |
/// | 13 | grey level variance | Σ (i − μ_i)² p_ij |
/// | 14 | j variance | Σ (j − μ_j)² p_ij |
/// | 15 | entropy | −Σ p_ij log₂ p_ij (zero p skipped) |
/// | 16 | energy | Σ p_ij² |
///
/// Sums run in row-major order over the stored matrix, so results are deterministic.
enum CountMatrixFeatures {
    /// Number of statistics returned by `compute`.
    static let count = 17

    /// The 17 statistics above, or nil for an empty matrix (N_s = 0).
    ///
    /// Numerical kernel (longer than the usual 40 lines on purpose): one pass for marginals,
    /// emphases, entropy, energy and means; a second for the two variances.
    static func compute(_ m: CountMatrix) -> [Double]? {
        let ns = m.total
        guard ns > 0 else { return nil }
        var rowSum = [Double](repeating: 0, count: m.rows)
        var colSum = [Double](repeating: 0, count: m.columns)
        var e = [Double](repeating: 0, count: 8)
        var entropy = 0.0, energy = 0.0, meanI = 0.0, meanJ = 0.0
        for r in 0..<m.rows {
            let i = m.rowValues[r], i2 = i * i
            for c in 0..<m.columns {
                let v = m.counts[r * m.columns + c]
                if v == 0 { continue }
                let j = m.columnValues[c], j2 = j * j
                rowSum[r] += v
                colSum[c] += v
                e[0] += v / j2
                e[1] += v * j2
                e[2] += v / i2
                e[3] += v * i2
                e[4] += v / (i2 * j2)
                e[5] += v * i2 / j2
                e[6] += v * j2 / i2
                e[7] += v * i2 * j2
                let p = v / ns
                entropy -= p * log2(p)
                energy += p * p
                meanI += i * p
                meanJ += j * p
            }
        }
        var varI = 0.0, varJ = 0.0
        for r in 0..<m.rows {
            let di = m.rowValues[r] - meanI
            for c in 0..<m.columns {
                let v = m.counts[r * m.columns + c]
                if v == 0 { continue }
                let p = v / ns, dj = m.columnValues[c] - meanJ
                varI += di * di * p
                varJ += dj * dj * p
            }
        }
        var glnu = 0.0, jnu = 0.0
        for s in rowSum { glnu += s * s }
        for s in colSum { jnu += s * s }
        var out = e.map { $0 / ns }
        out += [glnu / ns, glnu / (ns * ns), jnu / ns, jnu / (ns * ns)]
        out += [ns / m.voxelCount, varI, varJ, entropy, energy]
        return out
    }
}
