import Foundation
import Imaging
import Testing

@testable import Radiomics

/// Checks the first-order families on small samples whose values follow from the IBSI formulas
/// by hand.
struct IntensityFamilyTests {
    func values(_ features: [FeatureValue]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: features.map { ($0.tag, $0.value) })
    }

    @Test func statisticsOfFourValues() throws {
        let v = values(try IntensityStatisticsFeatures.compute(intensities: [4, 1, 3, 2]))
        #expect(v["stat_mean"] == 2.5)
        #expect(v["stat_var"] == 1.25)  // (2.25 + 0.25 + 0.25 + 2.25) / 4
        #expect(v["stat_skew"] == 0)
        #expect(abs((v["stat_kurt"] ?? 0) - ((5.0625 * 2 + 0.0625 * 2) / 4 / (1.25 * 1.25) - 3)) < 1e-12)
        #expect(v["stat_median"] == 2.5)
        #expect(abs((v["stat_p10"] ?? 0) - 1.3) < 1e-12)  // position 0.3 between 1 and 2
        #expect(v["stat_iqr"] == 1.5)  // 3.25 − 1.75
        #expect(v["stat_energy"] == 30)
        #expect(v["stat_rms"] == (30.0 / 4).squareRoot())
        #expect(v["stat_medad"] == 1)
        #expect(v["stat_qcod"] == 1.5 / 5)
    }

    @Test func constantSampleHasZeroSkewAndKurtosis() throws {
        let v = values(try IntensityStatisticsFeatures.compute(intensities: [7]))
        #expect(v["stat_skew"] == 0)
        #expect(v["stat_kurt"] == 0)
        #expect(v["stat_rmad"] == 0)
    }

    @Test func emptyROIIsRefused() {
        do {
            _ = try IntensityStatisticsFeatures.compute(intensities: [])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("intensity_statistics: the ROI intensity mask is empty"))
        }
        do {
            _ = try IntensityHistogramFeatures.compute(levels: [])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("intensity_histogram: the ROI intensity mask is empty"))
        }
    }

    @Test func histogramModeGradientAndEntropy() throws {
        // Levels 1 ×3, 2 ×1, 4 ×3 (level 3 empty): counts [3, 1, 0, 3].
        let v = values(try IntensityHistogramFeatures.compute(levels: [1, 1, 1, 2, 4, 4, 4]))
        // Two modes (1 and 4), mean 17/7 ≈ 2.43: 1 is 1.43 away, 4 is 1.57 → 1.
        #expect(v["ih_mode"] == 1)
        // H′ = [1 − 3, (0 − 3)/2, (3 − 1)/2, 3 − 0] = [−2, −1.5, 1, 3].
        #expect(v["ih_max_grad"] == 3)
        #expect(v["ih_max_grad_g"] == 4)
        #expect(v["ih_min_grad"] == -2)
        #expect(v["ih_min_grad_g"] == 1)
        let p = [3.0 / 7, 1.0 / 7, 3.0 / 7]
        #expect(abs((v["ih_entropy"] ?? 0) + p.reduce(0) { $0 + $1 * log2($1) }) < 1e-12)
        #expect(abs((v["ih_uniformity"] ?? 0) - p.reduce(0) { $0 + $1 * $1 }) < 1e-12)
    }

    @Test func histogramRejectsLevelZero() {
        do {
            _ = try IntensityHistogramFeatures.compute(levels: [0, 1])
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("grey level 0 inside the ROI; expected levels >= 1"))
        }
    }

    @Test func ivhDiscreteFollowsTheManualDefinitions() throws {
        // Intensities 1, 3, 3, 4, 6 (2 and 5 absent), G = [1, 6].
        let v = values(
            try IntensityVolumeHistogramFeatures.compute(
                intensities: [1, 3, 3, 4, 6], discretisation: .discrete))
        #expect(v["ivh_v10"] == 0.8)  // first i with γ ≥ 0.1 is 2 (γ = 0.2): 4 of 5 voxels ≥ 2
        #expect(v["ivh_v90"] == 0.2)  // i = 6 (γ = 1): 1 voxel
        #expect(v["ivh_i10"] == 7)  // ν(6) = 0.2 > 0.1: no intensity of G qualifies → max(G) + 1
        #expect(v["ivh_i90"] == 2)  // ν(2) = 0.8 ≤ 0.9
        #expect(v["ivh_i10_minus_i90"] == 5)
    }

    @Test func ivhFixedBinSizeUsesBinCentres() throws {
        // Range [0, 10], width 2.5: bins 1…4, centres 1.25 … 8.75, G = [1.25, 8.75], K = 3.
        let v = values(
            try IntensityVolumeHistogramFeatures.compute(
                intensities: [0, 1, 3, 9.9], discretisation: .fixedBinSize(width: 2.5),
                lowerBound: 0, upperBound: 10))
        #expect(v["ivh_i90"] == 3.75)  // ν(1.25) = 1, ν(3.75) = 0.5
        #expect(v["ivh_v90"] == 0.25)  // γ = 1 at 8.75: one voxel
    }

    @Test func definitionsAreCompleteAndDocumented() {
        let all =
            IntensityStatisticsFeatures.definitions + IntensityHistogramFeatures.definitions
            + IntensityVolumeHistogramFeatures.definitions
        #expect(IntensityStatisticsFeatures.definitions.count == 18)
        #expect(IntensityHistogramFeatures.definitions.count == 23)
        #expect(IntensityVolumeHistogramFeatures.definitions.count == 6)
        #expect(Set(all.map(\.tag)).count == all.count)
        for d in all {
            #expect(d.ibsiID.count == 4, "\(d.tag)")
            #expect(d.doc.contains("PyRadiomics"), "\(d.tag) doc must name the PyRadiomics equivalent")
        }
    }
}
