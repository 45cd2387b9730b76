import Foundation
import Imaging
import RadVaultCore

/// The 25 grey level co-occurrence matrix features of IBSI-1 §3.6, with their six aggregations.
///
/// Notation (IBSI): p_ij = M_ij / Σ M, p_i. the row marginal (= column marginal, the GLCM is
/// symmetric), p_{i−j,k} the diagonal and p_{i+j,k} the cross-diagonal probabilities, μ the joint
/// average, N_g the discretisation's number of grey levels. Entropies use log₂ and skip zero
/// probabilities. PyRadiomics names are given where they differ.
enum GLCMFeatures {
    /// One registry row per feature, in the order `compute` returns values.
    static let definitions: [FeatureDefinition] = [
        row("cm_joint_max", "GYBY", "Joint maximum", "max p_ij. PyRadiomics: MaximumProbability."),
        row("cm_joint_avg", "60VM", "Joint average", "μ = Σ i p_ij. PyRadiomics: JointAverage."),
        row("cm_joint_var", "UR99", "Joint variance", "Σ (i − μ)² p_ij. PyRadiomics: SumSquares."),
        row("cm_joint_entr", "TU9B", "Joint entropy", "−Σ p_ij log₂ p_ij. PyRadiomics: JointEntropy."),
        row("cm_diff_avg", "TF7R", "Difference average", "μ_d = Σ_k k p_{i−j,k}. PyRadiomics: DifferenceAverage."),
        row("cm_diff_var", "D3YU", "Difference variance", "Σ_k (k − μ_d)² p_{i−j,k}. PyRadiomics: DifferenceVariance."),
        row(
            "cm_diff_entr", "NTRS", "Difference entropy",
            "−Σ_k p_{i−j,k} log₂ p_{i−j,k}. PyRadiomics: DifferenceEntropy."),
        row("cm_sum_avg", "ZGXS", "Sum average", "μ_s = Σ_k k p_{i+j,k} (= 2μ). PyRadiomics: SumAverage."),
        row(
            "cm_sum_var", "OEEB", "Sum variance",
            "Σ_k (k − μ_s)² p_{i+j,k}; equals cluster tendency. PyRadiomics: none."),
        row("cm_sum_entr", "P6QZ", "Sum entropy", "−Σ_k p_{i+j,k} log₂ p_{i+j,k}. PyRadiomics: SumEntropy."),
        row("cm_energy", "8ZQL", "Angular second moment", "Σ p_ij² (energy, uniformity). PyRadiomics: JointEnergy."),
        row("cm_contrast", "ACUI", "Contrast", "Σ (i − j)² p_ij. PyRadiomics: Contrast."),
        row("cm_dissimilarity", "8S9J", "Dissimilarity", "Σ |i − j| p_ij (= difference average). PyRadiomics: none."),
        row("cm_inv_diff", "IB1Z", "Inverse difference", "Σ_k p_{i−j,k} / (1 + k). PyRadiomics: Id."),
        row(
            "cm_inv_diff_norm", "NDRX", "Normalised inverse difference",
            "Σ_k p_{i−j,k} / (1 + k/N_g), N_g = levelCount of the discretisation. PyRadiomics: Idn."),
        row("cm_inv_diff_mom", "WF0Z", "Inverse difference moment", "Σ_k p_{i−j,k} / (1 + k²). PyRadiomics: Idm."),
        row(
            "cm_inv_diff_mom_norm", "1QCO", "Normalised inverse difference moment",
            "Σ_k p_{i−j,k} / (1 + (k/N_g)²), N_g = levelCount. PyRadiomics: Idmn."),
        row(
            "cm_inv_var", "E8JP", "Inverse variance",
            "Σ_{k≥1} p_{i−j,k} / k²; 0 when all co-occurrences are on the diagonal. PyRadiomics: InverseVariance."),
        row(
            "cm_corr", "NI2N", "Correlation",
            "(Σ i j p_ij − μ²) / σ², σ² = Σ (i − μ)² p_i.; IBSI leaves σ² = 0 (one grey level) undefined: "
                + "1 is returned, as in PyRadiomics. PyRadiomics: Correlation."),
        row("cm_auto_corr", "QWB0", "Autocorrelation", "Σ i j p_ij. PyRadiomics: Autocorrelation."),
        row("cm_clust_tend", "DG8W", "Cluster tendency", "Σ (i + j − 2μ)² p_ij. PyRadiomics: ClusterTendency."),
        row("cm_clust_shade", "7NFM", "Cluster shade", "Σ (i + j − 2μ)³ p_ij. PyRadiomics: ClusterShade."),
        row("cm_clust_prom", "AE86", "Cluster prominence", "Σ (i + j − 2μ)⁴ p_ij. PyRadiomics: ClusterProminence."),
        row(
            "cm_info_corr1", "R8DG", "Information correlation 1",
            "(HXY − HXY₁) / HX, HXY₁ = −Σ p_ij log₂(p_i. p_.j); IBSI leaves HX = 0 (one grey level) undefined: "
                + "0 is returned, as in PyRadiomics. PyRadiomics: Imc1."),
        row(
            "cm_info_corr2", "JN9H", "Information correlation 2",
            "√(1 − exp(−2 (HXY₂ − HXY))), HXY₂ = −Σ p_i. p_.j log₂(p_i. p_.j). PyRadiomics: Imc2."),
    ]

    private static func row(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .glcm, tag: tag, ibsiID: id, name: name, doc: "IBSI \(id). \(doc)")
    }

    /// Feature vectors per requested aggregation (one of the six GLCM methods each).
    static func compute(roi: DiscretisedROI, aggregations: [Aggregation], settings: TextureSettings) throws
        -> [[Double]]
    {
        let distance = settings.glcmDistance
        let volume = try TextureVolume(roi: roi, pad: distance, family: .glcm)
        let ng = Double(volume.levelCount)
        return try DirectionalAggregation.run(
            family: .glcm, aggregations: aggregations, volume: volume, distance: distance,
            build: { GLCMMatrix.build(volume, direction: $0, slices: $1) },
            features: { features(of: $0, levelCount: ng) })
    }

    /// The 25 features of one GLCM, or nil when it holds no co-occurrence.
    ///
    /// Numerical kernel (longer than the usual 40 lines on purpose): one pass accumulates the
    /// joint sums, p_{i−j,k} and p_{i+j,k}; a second pass the moments about μ; a third the
    /// marginal entropies HX and HXY₂ (IBSI-1 §3.6, features GYBY … JN9H in registry order).
    static func features(of m: CountMatrix, levelCount ng: Double) -> [Double]? {
        let total = m.total
        guard total > 0 else { return nil }
        let n = m.rows, g = m.rowValues
        let p = m.counts.map { $0 / total }
        var marginal = [Double](repeating: 0, count: n)
        for a in 0..<n { for b in 0..<n { marginal[a] += p[a * n + b] } }
        let maxLevel = Int(g.last ?? 1)
        var pDiff = [Double](repeating: 0, count: maxLevel + 1)
        var pSum = [Double](repeating: 0, count: 2 * maxLevel + 1)
        var joint = JointSums()
        for a in 0..<n {
            for b in 0..<n {
                let v = p[a * n + b]
                if v == 0 { continue }
                let i = g[a], j = g[b]
                joint.add(v, i, j, marginal[a] * marginal[b])
                pDiff[Int(abs(i - j))] += v
                pSum[Int(i + j)] += v
            }
        }
        let mu = joint.average
        var moments = (variance: 0.0, tendency: 0.0, shade: 0.0, prominence: 0.0)
        for a in 0..<n {
            for b in 0..<n {
                let v = p[a * n + b]
                if v == 0 { continue }
                let di = g[a] - mu, s = g[a] + g[b] - 2 * mu, s2 = s * s
                moments.variance += di * di * v
                moments.tendency += s2 * v
                moments.shade += s2 * s * v
                moments.prominence += s2 * s2 * v
            }
        }
        var hx = 0.0, hxy2 = 0.0, sigma2 = 0.0
        for a in 0..<n where marginal[a] > 0 {
            hx -= marginal[a] * log2(marginal[a])
            sigma2 += (g[a] - mu) * (g[a] - mu) * marginal[a]
            for b in 0..<n where marginal[b] > 0 {
                let q = marginal[a] * marginal[b]
                hxy2 -= q * log2(q)
            }
        }
        let diff = DiagonalSums(pDiff, levelCount: ng)
        let sum = crossDiagonal(pSum)
        let correlation = sigma2 > 0 ? (joint.auto - mu * mu) / sigma2 : 1
        let info1 = hx > 0 ? (joint.entropy - joint.hxy1) / hx : 0
        let info2 = (max(0, 1 - exp(-2 * (hxy2 - joint.entropy)))).squareRoot()
        return [
            joint.maximum, mu, moments.variance, joint.entropy, diff.average, diff.variance, diff.entropy,
            sum.average, sum.variance, sum.entropy, joint.energy, joint.contrast, joint.dissimilarity,
            diff.inverse, diff.inverseNormalised, diff.inverseMoment, diff.inverseMomentNormalised,
            diff.inverseVariance, correlation, joint.auto, moments.tendency, moments.shade, moments.prominence,
            info1, info2,
        ]
    }

    /// Average, variance and entropy of the cross-diagonal probabilities p_{i+j,k}.
    private static func crossDiagonal(_ pSum: [Double]) -> (average: Double, variance: Double, entropy: Double) {
        var average = 0.0, entropy = 0.0, variance = 0.0
        for (k, v) in pSum.enumerated() where v > 0 {
            average += Double(k) * v
            entropy -= v * log2(v)
        }
        for (k, v) in pSum.enumerated() where v > 0 { variance += (Double(k) - average) * (Double(k) - average) * v }
        return (average, variance, entropy)
    }
}

/// Sums over the joint probabilities p_ij accumulated in one pass.
private struct JointSums {
    var maximum = 0.0, average = 0.0, entropy = 0.0, energy = 0.0
    var contrast = 0.0, dissimilarity = 0.0, auto = 0.0, hxy1 = 0.0

    @inline(__always) mutating func add(_ v: Double, _ i: Double, _ j: Double, _ marginalProduct: Double) {
        maximum = max(maximum, v)
        average += i * v
        entropy -= v * log2(v)
        energy += v * v
        contrast += (i - j) * (i - j) * v
        dissimilarity += abs(i - j) * v
        auto += i * j * v
        hxy1 -= v * log2(marginalProduct)
    }
}

/// Features of the diagonal probabilities p_{i−j,k}, k = 0...N_g − 1 (IBSI-1 §3.6).
private struct DiagonalSums {
    var average = 0.0, variance = 0.0, entropy = 0.0
    var inverse = 0.0, inverseNormalised = 0.0, inverseMoment = 0.0, inverseMomentNormalised = 0.0
    var inverseVariance = 0.0

    init(_ pDiff: [Double], levelCount ng: Double) {
        for (index, v) in pDiff.enumerated() where v > 0 {
            let k = Double(index)
            average += k * v
            entropy -= v * log2(v)
            inverse += v / (1 + k)
            inverseNormalised += v / (1 + k / ng)
            inverseMoment += v / (1 + k * k)
            inverseMomentNormalised += v / (1 + (k / ng) * (k / ng))
            if index > 0 { inverseVariance += v / (k * k) }
        }
        for (index, v) in pDiff.enumerated() where v > 0 {
            variance += (Double(index) - average) * (Double(index) - average) * v
        }
    }
}
