import Foundation
import Imaging
import RadVaultCore

/// Intensity-volume histogram features (IBSI-1 §3.5, family P88C), computed in 3D (DHQ4) on the
/// ROI intensity mask after the IVH discretisation of `IVHDiscretisation`.
///
/// Algorithm: every voxel is mapped to its position p on the IVH grid i_k = min(G) + k·w_d
/// (k = 0, 1, …), so that "X_{d,gl} ≥ i_k" becomes "p ≥ k" and no floating-point comparison of
/// bin centres is needed. ν_k is the fraction of voxels with p ≥ k, γ_k = k / K with
/// K = (max(G) − min(G)) / w_d. Intensities absent from the ROI are still evaluated (IBSI §3.5).
public enum IntensityVolumeHistogramFeatures {
    /// The family's features in the order of the reference tables.
    public static let definitions: [FeatureDefinition] = [
        def(
            "ivh_v10", "BC2M", "Volume fraction at 10% intensity",
            "V10: largest ν with γ ≥ 0.10, i.e. ν at the first grid intensity with γ ≥ 0.10. PyRadiomics: none."),
        def(
            "ivh_v90", "BC2M", "Volume fraction at 90% intensity",
            "V90: ν at the first grid intensity with γ ≥ 0.90. PyRadiomics: none."),
        def(
            "ivh_i10", "GBPN", "Intensity at 10% volume",
            "I10: lowest grid intensity i with ν_i ≤ 0.10; if none in G, max(G) + w_d. PyRadiomics: none."),
        def(
            "ivh_i90", "GBPN", "Intensity at 90% volume",
            "I90: lowest grid intensity i with ν_i ≤ 0.90; if none in G, max(G) + w_d. PyRadiomics: none."),
        def(
            "ivh_v10_minus_v90", "DDTU", "Volume fraction difference between 10% and 90% intensity",
            "V10 − V90. PyRadiomics: none."),
        def(
            "ivh_i10_minus_i90", "CNV2", "Intensity difference between 10% and 90% volume",
            "I10 − I90. PyRadiomics: none."),
    ]

    static func def(_ tag: String, _ id: String, _ name: String, _ doc: String) -> FeatureDefinition {
        FeatureDefinition(family: .intensityVolumeHistogram, tag: tag, ibsiID: id, name: name, doc: doc)
    }

    /// Computes the six features on the intensity-mask voxels of `roi.image`.
    ///
    /// - Parameters:
    ///   - discretisation: the IVH intensity case.
    ///   - lowerBound, upperBound: the re-segmentation range bounds (nil: open); used by
    ///     `.discrete` and `.fixedBinSize` only.
    public static func compute(
        roi: ROI, discretisation: IVHDiscretisation, lowerBound: Double?, upperBound: Double?
    ) throws -> [FeatureValue] {
        var values: [Double] = []
        for (index, inside) in roi.intensityMask.voxels.enumerated() where inside {
            values.append(roi.image.voxels[index])
        }
        return try compute(
            intensities: values, discretisation: discretisation, lowerBound: lowerBound, upperBound: upperBound)
    }

    /// Computes the six features on a sample of intensities.
    public static func compute(
        intensities: [Double], discretisation: IVHDiscretisation, lowerBound: Double? = nil,
        upperBound: Double? = nil
    ) throws -> [FeatureValue] {
        guard let lowest = intensities.min(), let highest = intensities.max() else {
            throw RadVaultError.invalidInput(
                "intensity_volume_histogram: the ROI intensity mask is empty; expected at least one voxel")
        }
        try discretisation.validate(field: "ivh_discretisation")
        let grid = IVHGrid(
            intensities: intensities, lowest: lowest, highest: highest, discretisation: discretisation,
            lowerBound: lowerBound, upperBound: upperBound)
        let v10 = grid.volumeFraction(atIntensityFraction: 0.10)
        let v90 = grid.volumeFraction(atIntensityFraction: 0.90)
        let i10 = grid.intensity(atVolumeFraction: 0.10)
        let i90 = grid.intensity(atVolumeFraction: 0.90)
        let values = [v10, v90, i10, i90, v10 - v90, i10 - i90]
        return zip(definitions, values).map { definition, value in
            FeatureValue(
                family: .intensityVolumeHistogram, tag: definition.tag, ibsiID: definition.ibsiID,
                aggregation: nil, value: value)
        }
    }
}
