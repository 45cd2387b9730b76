import Foundation
import RadVaultCore

/// The grid and encoding of a stored image (scan or mask), as read from its header by the caller.
///
/// ArchiveStore does not read images itself; the CLI reads the NIfTI header through Imaging and
/// passes this value in. Matrices are 4×4, row-major.
public struct ImageMetadata: Codable, Hashable, Sendable {
    /// Voxel counts per axis (x, y, z, …).
    public var dimensions: [Int]
    /// Voxel spacing per axis, in millimetres.
    public var spacing: [Double]
    /// Stored datatype name, e.g. `int16`, `float32`.
    public var datatype: String
    public var qformCode: Int
    public var sformCode: Int
    public var qform: [Double]
    public var sform: [Double]
    /// The voxel-to-world matrix NIfTI precedence picks (sform, else qform, else scaling).
    public var affine: [Double]
    /// Digest of the decoded voxels plus grid, so a re-compressed identical image is recognised.
    public var voxelDigest: Digest?

    enum CodingKeys: String, CodingKey {
        case dimensions, spacing, datatype, qform, sform, affine
        case qformCode = "qform_code"
        case sformCode = "sform_code"
        case voxelDigest = "voxel_digest"
    }

    public init(
        dimensions: [Int], spacing: [Double], datatype: String, qformCode: Int, sformCode: Int,
        qform: [Double], sform: [Double], affine: [Double], voxelDigest: Digest?
    ) {
        self.dimensions = dimensions
        self.spacing = spacing
        self.datatype = datatype
        self.qformCode = qformCode
        self.sformCode = sformCode
        self.qform = qform
        self.sform = sform
        self.affine = affine
        self.voxelDigest = voxelDigest
    }

    /// Whether `self` lies on `other`'s grid: same dimensions and affines equal within `tolerance`.
    public func isOnGrid(of other: ImageMetadata, tolerance: Double = 1e-4) -> Bool {
        guard dimensions == other.dimensions, affine.count == other.affine.count else { return false }
        return zip(affine, other.affine).allSatisfy { abs($0 - $1) <= tolerance }
    }

    /// One-line description of the grid, for error messages: `dims 64x64x32, affine [[…],[…],…]`.
    public var gridDescription: String {
        let dims = dimensions.map(String.init).joined(separator: "x")
        var rows: [String] = []
        var index = 0
        while index + 4 <= affine.count {
            rows.append("[" + affine[index..<index + 4].map { Self.format($0) }.joined(separator: ", ") + "]")
            index += 4
        }
        return "dimensions \(dims), affine [\(rows.joined(separator: ", "))]"
    }

    static func format(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
