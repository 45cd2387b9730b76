import Foundation
import Imaging
import RadVaultCore

/// IBSI-1 morphological features (§3.1, family HCUG), computed in 3D (DHQ4) from a marching-cubes
/// mesh of the morphological mask, its convex hull, the voxel-centre point set and the
/// intensity mask.
///
/// Degenerate ROIs: a value that is 0/0 or x/0 (for example elongation of a single voxel, whose
/// PCA eigenvalues are all 0, or Moran's I of a constant-intensity ROI) is reported as NaN, as
/// each feature's doc states; an empty mask or mismatched grids throw `.invalidInput`.
public enum MorphologyFeatures {
    /// One row of the family table: the definition and how its value follows from the measures.
    struct Row: Sendable {
        let definition: FeatureDefinition
        let value: @Sendable (MorphologyMeasures) -> Double
    }

    /// The feature definitions in table order.
    public static let definitions: [FeatureDefinition] = rows.map(\.definition)

    /// Computes every morphology feature. `roi.image` holds the processed intensities; both masks
    /// must be on the image grid. Throws `.invalidInput` for an empty mask or mismatched grids.
    public static func compute(roi: ROI) throws -> [FeatureValue] {
        let measures = try MorphologyMeasures(roi: roi)
        return rows.map { row in
            FeatureValue(
                family: .morphology, tag: row.definition.tag, ibsiID: row.definition.ibsiID, aggregation: nil,
                value: row.value(measures))
        }
    }

    static func row(
        _ tag: String, _ id: String, _ name: String, _ doc: String,
        _ value: @escaping @Sendable (MorphologyMeasures) -> Double
    ) -> Row {
        Row(
            definition: FeatureDefinition(family: .morphology, tag: tag, ibsiID: id, name: name, doc: doc), value: value
        )
    }

    /// x / y, NaN when y is 0 (the feature is undefined there).
    @inline(__always) static func ratio(_ x: Double, _ y: Double) -> Double { y == 0 ? .nan : x / y }

    /// Semi-axis lengths a ≥ b ≥ c of the PCA ellipsoid: 2√λ.
    static func pcaSemiAxes(_ m: MorphologyMeasures) -> [Double] { m.eigenvalues.map { 2 * $0.squareRoot() } }

    /// The family table (explicit, in IBSI manual order).
    static let rows: [Row] = shapeRows + axisRows + densityRows + intensityRows
}
