import RadVaultCore

/// A NIfTI-1 or NIfTI-2 header parsed and validated in Swift, before libnifti2 sees the file.
///
/// Why: libnifti2 prints to stderr and returns NULL (or trusts sizes) on damaged headers, so
/// every field it would act on is checked here first, with an error that names the file, the
/// field and the expectation. Byte offsets follow nifti1.h (348-byte header) and nifti2.h
/// (540-byte header); either byte order is accepted.
struct NIfTIRawHeader: Sendable {
    var version: Int
    var dim: [Int]  // dim[0] = ndim, dim[1...7]
    var pixdim: [Double]  // pixdim[0] = qfac, pixdim[1...7]
    var datatype: NIfTIDatatype
    var voxOffset: Int
    var sclSlope: Double
    var sclInter: Double
    var qformCode: Int
    var sformCode: Int
    var quatern: [Double]  // b, c, d
    var qoffset: [Double]  // x, y, z
    var srow: [Double]  // 12 values: srow_x, srow_y, srow_z
    /// Whether the file is big-endian (`ByteReader` with `swapped` decodes big-endian fields).
    var swapped = false

    /// Upper bound on voxels per file (2^31), checked before any allocation.
    static let maxVoxels = 1 << 31

    /// Number of dimensions (dim[0]).
    var ndim: Int { dim[0] }

    /// Total voxel count over all dimensions.
    var voxelCount: Int { (1...ndim).reduce(1) { $0 * dim[$1] } }

    /// Number of 3-D volumes (dim[4], 1 for 3-D or lower).
    var volumeCount: Int { ndim >= 4 ? dim[4] : 1 }

    /// Bytes of voxel data the file must hold after `voxOffset`.
    var dataBytes: Int { voxelCount * datatype.byteWidth }

    /// Parses and validates the first bytes of a NIfTI file (`name` is used in messages).
    static func parse(_ bytes: [UInt8], name: String) throws -> NIfTIRawHeader {
        guard bytes.count >= 348 else {
            throw RadVaultError.corrupt(
                "\(name): header is \(bytes.count) bytes, expected at least 348 (a truncated or empty file)")
        }
        let probe = ByteReader(bytes: bytes, swapped: false)
        let size = probe.int32(0)
        let swappedSize = ByteReader(bytes: bytes, swapped: true).int32(0)
        let reader: ByteReader
        if size == 348 || size == 540 {
            reader = probe
        } else if swappedSize == 348 || swappedSize == 540 {
            reader = ByteReader(bytes: bytes, swapped: true)
        } else {
            throw RadVaultError.corrupt(
                "\(name): header sizeof_hdr = \(size), expected 348 (NIfTI-1) or 540 (NIfTI-2)")
        }
        var header =
            reader.int32(0) == 348
            ? try parseVersion1(reader, name: name) : try parseVersion2(reader, name: name)
        header.swapped = reader.swapped
        try header.validate(name: name)
        return header
    }

    private static func parseVersion1(_ r: ByteReader, name: String) throws -> NIfTIRawHeader {
        let magic = Array(r.bytes[344..<348])
        if magic == Array("ni1\0".utf8) {
            throw RadVaultError.unsupported(
                "\(name): header magic 'ni1' is a two-file NIfTI-1 pair (.hdr/.img); expected a single .nii file")
        }
        guard magic == Array("n+1\0".utf8) else {
            throw RadVaultError.corrupt("\(name): header magic = \(printable(magic)), expected 'n+1'")
        }
        let offset = Double(r.float32(108))
        guard offset.isFinite, offset >= 348, offset <= Double(Int32.max) else {
            throw RadVaultError.corrupt("\(name): header vox_offset = \(offset), expected a byte offset >= 348")
        }
        return try NIfTIRawHeader(
            version: 1, dim: (0..<8).map { Int(r.int16(40 + 2 * $0)) },
            pixdim: (0..<8).map { Double(r.float32(76 + 4 * $0)) },
            datatype: datatype(code: Int(r.int16(70)), name: name), voxOffset: Int(offset),
            sclSlope: Double(r.float32(112)), sclInter: Double(r.float32(116)),
            qformCode: Int(r.int16(252)), sformCode: Int(r.int16(254)),
            quatern: (0..<3).map { Double(r.float32(256 + 4 * $0)) },
            qoffset: (0..<3).map { Double(r.float32(268 + 4 * $0)) },
            srow: (0..<12).map { Double(r.float32(280 + 4 * $0)) })
    }

    private static func parseVersion2(_ r: ByteReader, name: String) throws -> NIfTIRawHeader {
        guard r.bytes.count >= 540 else {
            throw RadVaultError.corrupt("\(name): NIfTI-2 header is \(r.bytes.count) bytes, expected 540")
        }
        let magic = Array(r.bytes[4..<12])
        if Array(magic[0..<4]) == Array("ni2\0".utf8) {
            throw RadVaultError.unsupported(
                "\(name): header magic 'ni2' is a two-file NIfTI-2 pair (.hdr/.img); expected a single .nii file")
        }
        // nifti2.h defines "n+2\0\r\n\032\n"; libnifti2 3.0.1 writes only "n+2\0" and zeros, so
        // only the first four bytes are required.
        guard Array(magic[0..<4]) == [0x6E, 0x2B, 0x32, 0x00] else {
            throw RadVaultError.corrupt("\(name): header magic = \(printable(magic)), expected 'n+2'")
        }
        let offset = r.int64(168)
        guard offset >= 540, offset <= Int64(Int32.max) else {
            throw RadVaultError.corrupt("\(name): header vox_offset = \(offset), expected a byte offset >= 540")
        }
        return try NIfTIRawHeader(
            version: 2, dim: (0..<8).map { clampInt(r.int64(16 + 8 * $0)) },
            pixdim: (0..<8).map { r.float64(104 + 8 * $0) },
            datatype: datatype(code: Int(r.int16(12)), name: name), voxOffset: Int(offset),
            sclSlope: r.float64(176), sclInter: r.float64(184),
            qformCode: Int(r.int32(344)), sformCode: Int(r.int32(348)),
            quatern: (0..<3).map { r.float64(352 + 8 * $0) },
            qoffset: (0..<3).map { r.float64(376 + 8 * $0) },
            srow: (0..<12).map { r.float64(400 + 8 * $0) })
    }

    private static func datatype(code: Int, name: String) throws -> NIfTIDatatype {
        if let type = NIfTIDatatype(rawValue: code) { return type }
        if let known = NIfTIDatatype.unsupportedName(code: code) {
            throw RadVaultError.unsupported(
                "\(name): header datatype = \(code) (\(known)), expected a real scalar type "
                    + "(uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64)")
        }
        throw RadVaultError.corrupt("\(name): header datatype = \(code), expected a NIfTI datatype code")
    }

    private static func clampInt(_ v: Int64) -> Int { Int(clamping: v) }

    private static func printable(_ bytes: [UInt8]) -> String {
        "'" + String(decoding: bytes.map { (32..<127).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self) + "'"
    }
}
