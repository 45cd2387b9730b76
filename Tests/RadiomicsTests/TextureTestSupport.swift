import Foundation
import Imaging
import RadVaultCore
import RadVaultTestSupport

@testable import Radiomics

/// The IBSI-1 digital phantom (5×4×4 voxels, 2 mm; CC BY 4.0, A. Zwanenburg, theibsi/data_sets).
///
/// The voxel values were decoded once from Sources/Radiomics/Resources/ibsi/digital_phantom/
/// {image,mask}.nii.gz with Python (gzip + numpy, NIfTI-1 header: int16, vox_offset 352,
/// scl_slope 1) and are embedded here because the NIfTI reader lives on the `imaging` branch.
/// Storage order is NIfTI's (x fastest). No discretisation is needed: the intensities 1...6 are
/// the grey levels (IBSI-1 §5.1).
enum DigitalPhantom {
    static let image: [Int32] = [
        1, 4, 4, 1, 1, 1, 4, 6, 1, 1, 4, 1, 6, 4, 1, 4, 4, 6, 4, 1,
        1, 4, 4, 1, 1, 1, 1, 6, 1, 1, 1, 1, 3, 1, 1, 4, 4, 6, 1, 1,
        1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 6, 1, 1,
        1, 4, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 1, 1,
    ]
    static let mask: [Bool] = [
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ].map { $0 == 1 }

    static let grid = Grid(nx: 5, ny: 4, nz: 4, spacing: SIMD3(2, 2, 2))

    /// The phantom as a discretised ROI (levels 0 outside the mask, N_g = 6).
    static var roi: DiscretisedROI {
        let levels = zip(image, mask).map { $1 ? $0 : 0 }
        return DiscretisedROI(grid: grid, levels: levels, levelCount: 6, mask: Mask(grid: grid, voxels: mask))
    }
}

/// One row of Resources/ibsi/ibsi1_reference_values.csv.
struct IBSIReferenceRow: Sendable, CustomStringConvertible {
    var family: FeatureFamily
    var feature: String
    var ibsiCode: String
    var aggregation: Aggregation
    var phantom: String
    var config: String
    var value: Double
    var tolerance: Double

    var description: String { "\(family.rawValue)/\(feature)/\(aggregation.rawValue)/\(phantom)\(config)" }

    /// Texture rows of the reference file, optionally restricted to one phantom.
    static func textureRows(phantom: String) -> [IBSIReferenceRow] {
        let path = TestSupport.repositoryRoot
            .appendingPathComponent("Sources/Radiomics/Resources/ibsi/ibsi1_reference_values.csv").path
        guard let table = try? DelimitedTable.read(path: path) else { return [] }
        let col = { (name: String) in table.column(named: name) ?? 0 }
        return table.rows.compactMap { r -> IBSIReferenceRow? in
            guard let family = FeatureFamily(rawValue: r[col("family")]), family.isTexture,
                let aggregation = Aggregation(rawValue: r[col("aggregation")]), r[col("phantom")] == phantom,
                let value = Double(r[col("value")]), let tolerance = Double(r[col("tolerance")])
            else { return nil }
            return IBSIReferenceRow(
                family: family, feature: r[col("feature")], ibsiCode: r[col("ibsi_code")], aggregation: aggregation,
                phantom: phantom, config: r[col("config")], value: value, tolerance: tolerance)
        }
    }

    /// mirp's `within_tolerance` (see Resources/ibsi/README.md, "Matching rule"): round the
    /// computed value to 3 significant digits (half to even), then |x_r − ref| − tol ≤ ε.
    func matches(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        var rounded = x
        if x != 0 {
            let digits = 2 - Int(floor(log10(abs(x))))
            let scale = pow(10.0, Double(digits))
            rounded = (x * scale).rounded(.toNearestOrEven) / scale
        }
        return abs(rounded - value) - tolerance <= Double.ulpOfOne
    }
}
