import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Imaging

/// The IBSI-1 CT phantom through configurations B, C and D: image dimensions, ROI voxel counts
/// and ROI intensities after interpolation and after re-segmentation must match the IBSI
/// diagnostic reference values (Fixtures/ibsi/README.md) under the IBSI match rule.
@Suite struct IBSIDiagnosticsTests {
    static let phantom = TestSupport.repositoryRoot.appendingPathComponent(
        "Sources/Radiomics/Resources/ibsi/ct_phantom")

    static func settings(_ config: String) -> ImageProcessingSettings {
        switch config {
        case "B":
            return ImageProcessingSettings(
                interpolation: InterpolationSettings(spacing: [2, 2, 3], inPlaneOnly: true),
                roundIntensities: true, resegmentation: ResegmentationSettings(lowerBound: -500, upperBound: 400))
        case "C":
            return ImageProcessingSettings(
                interpolation: InterpolationSettings(spacing: [2, 2, 2]),
                roundIntensities: true, resegmentation: ResegmentationSettings(lowerBound: -1000, upperBound: 400))
        default:
            return ImageProcessingSettings(
                interpolation: InterpolationSettings(spacing: [2, 2, 2]),
                roundIntensities: true, resegmentation: ResegmentationSettings(outlierSigma: 3))
        }
    }

    /// mirp's `within_tolerance`: round to 3 significant digits, then compare with the tolerance.
    static func matches(_ x: Double, reference: Double, tolerance: Double) -> Bool {
        var rounded = x
        if x != 0 {
            let digits = 3 - Int((log10(abs(x))).rounded(.down)) - 1
            let scale = pow(10.0, Double(digits))
            rounded = (x * scale).rounded(.toNearestOrEven) / scale
        }
        return abs(rounded - reference) - tolerance <= Double.ulpOfOne
    }

    static func stats(_ image: Volume, _ mask: Mask) -> (count: Double, mean: Double, min: Double, max: Double) {
        var n = 0.0, sum = 0.0, low = Double.infinity, high = -Double.infinity
        for i in mask.voxels.indices where mask.voxels[i] {
            let v = image.voxels[i]
            n += 1
            sum += v
            low = min(low, v)
            high = max(high, v)
        }
        return (n, sum / n, low, high)
    }

    @Test(arguments: ["B", "C", "D"])
    func configuration(_ config: String) throws {
        let image = try NIfTIFile.read(path: Self.phantom.appendingPathComponent("image.nii.gz").path)
        let mask = try NIfTIFile.readMask(path: Self.phantom.appendingPathComponent("mask.nii.gz").path)
        let s = Self.settings(config)
        let (roi, _) = try ImageProcessing.prepareWithDiagnostics(
            image: ImageProcessing.roundIntensities(image), mask: mask, settings: s)
        let interp = Self.stats(roi.image, roi.morphologicalMask)
        let reseg = Self.stats(roi.image, roi.intensityMask)
        let d = roi.image.grid.dimensions
        let computed: [String: Double] = [
            "img_dim_x_interp_img": Double(d[0]), "img_dim_y_interp_img": Double(d[1]),
            "img_dim_z_interp_img": Double(d[2]),
            "int_mask_vox_count_interp_roi": interp.count, "int_mask_mean_int_interp_roi": interp.mean,
            "int_mask_min_int_interp_roi": interp.min, "int_mask_max_int_interp_roi": interp.max,
            "int_mask_vox_count_reseg_roi": reseg.count, "morph_mask_vox_count_reseg_roi": interp.count,
            "int_mask_mean_int_reseg_roi": reseg.mean, "int_mask_min_int_reseg_roi": reseg.min,
            "int_mask_max_int_reseg_roi": reseg.max,
        ]
        let table = try DelimitedTable.read(path: fixture("ibsi/ct_diagnostics.csv"))
        var checked = 0
        for row in table.rows where row[0] == config {
            let tag = row[1]
            guard let value = computed[tag], let reference = Double(row[2]), let tolerance = Double(row[3]) else {
                Issue.record("\(config) \(tag): no computed value")
                continue
            }
            #expect(
                Self.matches(value, reference: reference, tolerance: tolerance),
                "\(config) \(tag): \(value) vs \(reference) ± \(tolerance)")
            checked += 1
        }
        #expect(checked == 12)
    }
}
