import Foundation
import Imaging
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Radiomics

/// Whether the test bundle was built with optimisation (no DEBUG flag).
let textureTestsOptimised: Bool = {
    #if DEBUG
        return false
    #else
        return true
    #endif
}()

/// Texture features of the IBSI CT radiomics phantom (CC BY-NC 3.0, P. Lambin, CancerData,
/// DOI:10.17195/candat.2016.08.1; copied in Sources/Radiomics/Resources/ibsi/ct_phantom) for
/// configurations A–E, against the reference values with their tolerances.
///
/// Processing per Resources/ibsi/ibsi1_configurations.csv. Runs in optimised builds only
/// (`make test` builds release with testability); a debug build interpolates too slowly for CI.
@Suite(.enabled(if: textureTestsOptimised, "CT phantom texture check runs in release builds"))
struct TextureCTPhantomTests {
    static let configurations = ["A", "B", "C", "D", "E"]
    static let families: [FeatureFamily] = [.glcm, .glrlm, .glszm, .gldzm, .ngtdm, .ngldm]

    /// Imaging settings and discretisation of one configuration.
    static func settings(_ config: String, zSpacing: Double) -> (ImageProcessingSettings, DiscretisationMethod) {
        let spline = InterpolationSettings(spacing: [2, 2, 2], imageMethod: .cubicSpline, maskMethod: .linear)
        switch config {
        case "A":
            return (
                ImageProcessingSettings(
                    roundIntensities: true, resegmentation: .init(lowerBound: -500, upperBound: 400)),
                .fixedBinSize(width: 25, lowerBound: -500)
            )
        case "B":
            let interpolation = InterpolationSettings(spacing: [2, 2, zSpacing], inPlaneOnly: true)
            return (
                ImageProcessingSettings(
                    interpolation: interpolation, roundIntensities: true,
                    resegmentation: .init(lowerBound: -500, upperBound: 400)),
                .fixedBinNumber(bins: 32)
            )
        case "C":
            return (
                ImageProcessingSettings(
                    interpolation: InterpolationSettings(spacing: [2, 2, 2]), roundIntensities: true,
                    resegmentation: .init(lowerBound: -1000, upperBound: 400)),
                .fixedBinSize(width: 25, lowerBound: -1000)
            )
        case "D":
            return (
                ImageProcessingSettings(
                    interpolation: InterpolationSettings(spacing: [2, 2, 2]), roundIntensities: true,
                    resegmentation: .init(outlierSigma: 3)),
                .fixedBinNumber(bins: 32)
            )
        default:
            return (
                ImageProcessingSettings(
                    interpolation: spline, roundIntensities: true,
                    resegmentation: .init(lowerBound: -1000, upperBound: 400, outlierSigma: 3)),
                .fixedBinNumber(bins: 32)
            )
        }
    }

    @Test(arguments: configurations)
    func matchesReference(_ config: String) throws {
        let base = TestSupport.repositoryRoot.appendingPathComponent("Sources/Radiomics/Resources/ibsi/ct_phantom")
        let image = try NIfTIFile.read(path: base.appendingPathComponent("image.nii.gz").path)
        let mask = try NIfTIFile.readMask(path: base.appendingPathComponent("mask.nii.gz").path)
        let (processing, discretisation) = Self.settings(config, zSpacing: image.grid.spacing.z)
        let roi = try ImageProcessing.prepare(image: image, mask: mask, settings: processing)
        let discretised = try Discretisation.apply(roi: roi, method: discretisation)
        let rows = IBSIReferenceRow.textureRows(phantom: "ct").filter { $0.config == config }
        #expect(!rows.isEmpty)
        var mismatches: [String] = []
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        for family in Self.families {
            let aggregations = Aggregation.methods(for: family).filter { a in rows.contains { $0.aggregation == a } }
            let start = clock.now
            let values = try TextureFeatures.compute(
                family: family, roi: discretised, morphologicalMask: roi.morphologicalMask,
                aggregations: aggregations, settings: TextureSettings())
            elapsed += clock.now - start
            for row in rows where row.family == family {
                let got = values.first { $0.ibsiID == row.ibsiCode && $0.aggregation == row.aggregation }?.value
                if let got, row.matches(got) { continue }
                mismatches.append("\(row): expected \(row.value) ± \(row.tolerance), got \(got ?? .nan)")
            }
        }
        print(
            "CT config \(config): \(rows.count - mismatches.count)/\(rows.count) texture rows match; "
                + "texture time \(elapsed) for \(discretised.mask.count) voxels, N_g = \(discretised.levelCount)")
        for m in mismatches { print("  mismatch \(m)") }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches")
    }
}
