import Foundation
import Imaging

/// One IBSI-1 benchmark: a phantom and a processing configuration, as extraction settings.
///
/// The CT configurations follow Resources/ibsi/ibsi1_configurations.csv (IBSI-1 manual,
/// `05_Reference_data_sets.rst`, "Configuration A" … "E" and the text around them): NIfTI
/// intensities rounded to the nearest integer, grid centres aligned, texture distance 1,
/// NGLDM α = 0, symmetrical GLCM.
public struct IBSIBenchmark: Sendable, Equatable {
    /// `digital` or `ct`.
    public var phantom: String
    /// Empty for the digital phantom, `A`–`E` for the CT phantom.
    public var config: String
    public var settings: ExtractionSettings

    /// "digital" or "ct/A".
    public var label: String { config.isEmpty ? phantom : "\(phantom)/\(config)" }

    /// The bundled image and mask paths, relative to the IBSI folder.
    var files: (image: String, mask: String) {
        phantom == "digital"
            ? ("digital_phantom/image.nii.gz", "digital_phantom/mask.nii.gz")
            : ("ct_phantom/image.nii.gz", "ct_phantom/mask.nii.gz")
    }

    /// The six benchmarks in reference-table order.
    public static let all: [IBSIBenchmark] = [digital, configA, configB, configC, configD, configE]

    /// Digital phantom: no interpolation, no re-segmentation, no discretisation (intensities 1…6
    /// are their own grey levels), IVH discrete, every aggregation.
    public static let digital = IBSIBenchmark(
        phantom: "digital", config: "",
        settings: ExtractionSettings(
            roundIntensities: true,
            discretisation: DiscretisationSettings(both: .none, ivh: .discrete)))

    static let aggregations2D: [Aggregation] = [
        .averaged2D, .sliceMerged2D, .directionMerged25D, .merged25D, .slice2D, .merged25DVolume,
    ]
    static let aggregations3D: [Aggregation] = [.averaged3D, .merged3D, .volume3D]

    /// A: 2D, no interpolation, re-segmentation [−500, 400], FBS 25 HU, IVH discrete.
    public static let configA = ct(
        "A", interpolation: nil, range: (-500, 400), sigma: nil,
        grey: .fixedBinSize(width: 25, lowerBound: nil), ivh: .discrete, aggregations: aggregations2D)

    /// B: 2D, bilinear in-plane interpolation to 2 × 2 mm, re-segmentation [−500, 400], FBN 32, IVH discrete.
    public static let configB = ct(
        "B", interpolation: InterpolationSettings(spacing: [2, 2, 3], inPlaneOnly: true, imageMethod: .linear),
        range: (-500, 400), sigma: nil, grey: .fixedBinNumber(bins: 32),
        ivh: .discrete, aggregations: aggregations2D)

    /// C: 3D, trilinear interpolation to 2 mm, re-segmentation [−1000, 400], FBS 25 HU, IVH FBS 2.5 HU.
    public static let configC = ct(
        "C", interpolation: InterpolationSettings(spacing: [2, 2, 2], imageMethod: .linear),
        range: (-1000, 400), sigma: nil,
        grey: .fixedBinSize(width: 25, lowerBound: nil), ivh: .fixedBinSize(width: 2.5), aggregations: aggregations3D)

    /// D: 3D, trilinear interpolation to 2 mm, outlier filtering 3σ (no range), FBN 32, IVH discrete.
    public static let configD = ct(
        "D", interpolation: InterpolationSettings(spacing: [2, 2, 2], imageMethod: .linear), range: nil, sigma: 3,
        grey: .fixedBinNumber(bins: 32), ivh: .discrete, aggregations: aggregations3D)

    /// E: 3D, tricubic-spline interpolation to 2 mm (mask trilinear), re-segmentation [−1000, 400]
    /// and 3σ, FBN 32, IVH FBN 1000 (arbitrary units: the range is not used).
    public static let configE = ct(
        "E", interpolation: InterpolationSettings(spacing: [2, 2, 2], imageMethod: .cubicSpline, maskMethod: .linear),
        range: (-1000, 400), sigma: 3, grey: .fixedBinNumber(bins: 32),
        ivh: .fixedBinNumber(bins: 1000), aggregations: aggregations3D)

    static func ct(
        _ config: String, interpolation: InterpolationSettings?, range: (Double, Double)?, sigma: Double?,
        grey: DiscretisationMethod, ivh: IVHDiscretisation, aggregations: [Aggregation]
    ) -> IBSIBenchmark {
        IBSIBenchmark(
            phantom: "ct", config: config,
            settings: ExtractionSettings(
                roundIntensities: true, interpolation: interpolation,
                resegmentation: ResegmentationSettings(lowerBound: range?.0, upperBound: range?.1, outlierSigma: sigma),
                discretisation: DiscretisationSettings(both: grey, ivh: ivh), aggregations: aggregations))
    }
}
