import Foundation

/// Small NIfTI-1 files built byte by byte, for tests of good and corrupted headers.
///
/// Layout from nifti1.h: a 348-byte header (sizeof_hdr at 0, dim at 40, datatype at 70, bitpix at
/// 72, pixdim at 76, vox_offset at 108, scl_slope at 112, qform/sform codes at 252/254, srow_x/y/z
/// at 280/296/312, magic "n+1" at 344), four zero extension bytes, then int16 voxels.
public struct TinyNIfTI {
    public var dimensions: [Int16]
    public var spacing: [Float] = [1, 1, 1]
    /// Translation of the sform (world position of voxel 0).
    public var origin: [Float] = [0, 0, 0]
    public var voxOffset: Float = 352
    /// Voxel value at linear index i (int16).
    public var value: (Int) -> Int16 = { Int16(truncatingIfNeeded: $0) }

    public init(dimensions: [Int16]) { self.dimensions = dimensions }

    /// The file's bytes.
    public func bytes() -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 352)
        func put<T: FixedWidthInteger>(_ offset: Int, _ v: T) {
            withUnsafeBytes(of: v.littleEndian) { for (k, b) in $0.enumerated() { header[offset + k] = b } }
        }
        func putFloat(_ offset: Int, _ v: Float) { put(offset, v.bitPattern) }
        put(0, Int32(348))
        put(40, Int16(dimensions.count))
        for (i, d) in dimensions.enumerated() { put(42 + 2 * i, d) }
        put(70, Int16(4))
        put(72, Int16(16))
        putFloat(76, 1)
        for (i, s) in spacing.enumerated() { putFloat(80 + 4 * i, s) }
        putFloat(108, voxOffset)
        putFloat(112, 1)
        put(252, Int16(0))
        put(254, Int16(1))
        for row in 0..<3 {
            for col in 0..<3 { putFloat(280 + 16 * row + 4 * col, row == col ? spacing[row] : 0) }
            putFloat(280 + 16 * row + 12, origin[row])
        }
        for (k, b) in Array("n+1".utf8).enumerated() { header[344 + k] = b }
        let count = dimensions.map { max(Int($0), 0) }.reduce(1, *)
        var out = header
        out.reserveCapacity(352 + 2 * count)
        for i in 0..<count {
            let v = UInt16(bitPattern: value(i))
            out.append(UInt8(v & 0xFF))
            out.append(UInt8(v >> 8))
        }
        return out
    }

    /// Writes the file and returns its path.
    @discardableResult
    public func write(to url: URL) throws -> String {
        try Data(bytes()).write(to: url)
        return url.path
    }

    /// A gzip stream of `data` in stored (uncompressed) deflate blocks, with a zero CRC: enough for
    /// building truncated or otherwise broken `.nii.gz` files (RFC 1951 §3.2.4, RFC 1952).
    public static func storedGzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out += [final, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        out += [0, 0, 0, 0]
        let size = UInt32(truncatingIfNeeded: data.count)
        out += [UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)]
        return out
    }
}
