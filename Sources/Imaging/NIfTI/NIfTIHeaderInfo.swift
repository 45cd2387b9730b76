/// What a NIfTI header says, as plain values (no C types): what ArchiveStore records for a scan.
///
/// Matrices are 4×4 row-major. `affine` follows the NIfTI-1 precedence rules (nifti1.h,
/// "3D IMAGE (VOLUME) ORIENTATION AND LOCATION IN SPACE"): sform when `sformCode > 0`, else
/// qform when `qformCode > 0`, else the pixdim scaling ("method 1"). World coordinates are
/// NIfTI's RAS+ millimetres.
public struct NIfTIHeaderInfo: Sendable, Equatable, Codable {
    /// 1 for NIfTI-1 (348-byte header), 2 for NIfTI-2 (540-byte header).
    public var version: Int
    /// Sizes per dimension; length = ndim (3 for a 3-D image, 4 for a time series).
    public var dimensions: [Int]
    /// pixdim per dimension (same length as `dimensions`; non-finite entries beyond x, y, z are 0).
    public var spacing: [Double]
    /// Voxel type name: "uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
    /// "float32" or "float64".
    public var datatype: String
    public var qformCode: Int
    public var sformCode: Int
    /// The qform matrix; the pixdim scaling matrix when `qformCode == 0` (as libnifti2 does).
    public var qform: [Double]
    /// The stored srow_x/y/z rows plus (0, 0, 0, 1); zeros when not finite.
    public var sform: [Double]
    /// The voxel-to-world matrix by NIfTI precedence (see the type's summary).
    public var affine: [Double]
    /// scl_slope as stored (0 means no scaling; a non-finite slope is reported as 0).
    public var sclSlope: Double
    /// scl_inter as stored (0 when not finite).
    public var sclInter: Double

    public init(
        version: Int, dimensions: [Int], spacing: [Double], datatype: String, qformCode: Int, sformCode: Int,
        qform: [Double], sform: [Double], affine: [Double], sclSlope: Double, sclInter: Double
    ) {
        self.version = version
        self.dimensions = dimensions
        self.spacing = spacing
        self.datatype = datatype
        self.qformCode = qformCode
        self.sformCode = sformCode
        self.qform = qform
        self.sform = sform
        self.affine = affine
        self.sclSlope = sclSlope
        self.sclInter = sclInter
    }
}
