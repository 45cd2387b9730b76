import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Extraction settings: YAML schema, canonical form and strict refusal of bad keys and values.
struct SettingsTests {
    static let example = """
        round_intensities: true
        interpolation: {spacing: [2, 2, 2], method: cubic_spline, mask_method: linear, partial_volume_threshold: 0.5}
        resegmentation: {range: [-1000, 400], outlier_sigma: 3}
        discretisation:
          texture: {method: fbn, bins: 32}
          intensity_histogram: {method: fbs, width: 25}
          ivh: {method: fbn, bins: 1000}
        families: [glcm, intensity_statistics, morphology, intensity_histogram]
        aggregations: [3d, 3d_vmrg, 3d_avg]
        texture: {glcm_distance: 1, ngldm_coarseness: 0}
        """

    @Test func parsesTheDocumentedSchema() throws {
        let s = try ExtractionSettings.parse(yaml: Self.example)
        #expect(s.interpolation?.imageMethod == .cubicSpline)
        #expect(s.resegmentation == ResegmentationSettings(lowerBound: -1000, upperBound: 400, outlierSigma: 3))
        #expect(s.discretisation.ivh == .fixedBinNumber(bins: 1000))
        #expect(s.discretisation.intensityHistogram == .fixedBinSize(width: 25, lowerBound: nil))
        #expect(s.families == [.morphology, .intensityStatistics, .intensityHistogram, .glcm])
        #expect(s.aggregations(for: .glcm) == [.averaged3D, .merged3D])
    }

    @Test func equalSettingsHaveEqualDigests() throws {
        let reordered = Self.example
            .replacingOccurrences(
                of: "[glcm, intensity_statistics, morphology, intensity_histogram]",
                with: "[morphology, intensity_histogram, glcm, intensity_statistics, glcm]"
            )
            .replacingOccurrences(of: "{glcm_distance: 1, ngldm_coarseness: 0}", with: "{ngldm_coarseness: 0}")
        let a = try ExtractionSettings.parse(yaml: Self.example)
        let b = try ExtractionSettings.parse(yaml: reordered)
        #expect(a.digest == b.digest)
        let back = try ExtractionSettings.parse(json: a.canonicalJSON)
        #expect(back == a)
        #expect(back.digest == a.digest)
        let decoded = try CanonicalJSON.decode(ExtractionSettings.self, from: CanonicalJSON.bytes(a.canonicalJSON))
        #expect(decoded == a)
    }

    @Test(arguments: [
        (
            "colour: red\ndiscretisation: {ivh: {method: discrete}}\nfamilies: [intensity_statistics]",
            "settings: colour: unknown key; expected one of mask_label"
        ),
        (
            "discretisation: {texture: {method: fbn, bins: 32, width: 3}}",
            "settings: discretisation.texture.width: unknown key; expected one of method, bins"
        ),
        (
            "discretisation: {texture: {method: fbn, bins: 0}}",
            "discretisation.texture.bins: 0; expected an integer >= 1"
        ),
        (
            "discretisation: {ivh: {method: discrete}}\nfamilies: [shape]",
            "settings: families[0]: \"shape\"; expected one of morphology"
        ),
        (
            "discretisation: {ivh: {method: discrete}}\ninterpolation: {spacing: [2, 2]}",
            "interpolation.spacing: [2.0, 2.0]; expected three finite numbers > 0"
        ),
        (
            "discretisation: {ivh: {method: discrete}}\nresegmentation: {range: [400, -1000]}",
            "resegmentation.range: [400.0, -1000.0]; expected lower < upper"
        ),
        ("discretisation: {ivh: {method: discrete}}", "discretisation.texture: missing; expected it because glcm"),
        ("families: [glcm]", "settings: discretisation: missing"),
        (
            "discretisation: {texture: {method: fbn, bins: 8}}\ntexture: {distance: 2}",
            "settings: texture.distance: unknown key; expected one of glcm_distance, ngtdm_distance"
        ),
        (
            "discretisation: {texture: {method: fbn, bins: 8}}\ntexture: {glcm_distance: 0}",
            "settings: texture: TextureSettings.glcmDistance is 0; expected an integer distance"
        ),
        (
            "discretisation: {texture: {method: fbn, bins: 8}}\ntexture: {gldzm_distance: euclidean}",
            "settings: texture.gldzm_distance: 'euclidean'; expected manhattan or chebyshev"
        ),
        (
            "discretisation: {texture: {method: fbn, bins: 8}}\ninterpolation: {spacing: [1, 1, 1], method: cubic}",
            "settings: interpolation.method: 'cubic'; expected nearest, linear or cubic_spline"
        ),
    ])
    func badDocumentsAreRefusedWithTheKeyNamed(yaml: String, message: String) {
        do {
            _ = try ExtractionSettings.parse(yaml: yaml)
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
