import Foundation

/// Builds NIfTI files byte by byte for tests (so damaged headers can be made on purpose), and
/// gzip-wraps them with stored (uncompressed) deflate blocks, which any zlib reads.
struct NIfTIBuilder {
    var version = 1
    var dims: [Int] = [3, 2, 2, 2, 1, 1, 1, 1]
    var pixdim: [Double] = [1, 1, 1, 1, 1, 1, 1, 1]
    var datatype = 16
    var bitpix = 32
    var sclSlope = 0.0
    var sclInter = 0.0
    var qformCode = 0
    var sformCode = 0
    var quatern: [Double] = [0, 0, 0]
    var qoffset: [Double] = [0, 0, 0]
    var srow: [Double] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]
    var bigEndian = false
    var magicOverride: [UInt8]? = nil
    var sizeofOverride: Int32? = nil
    /// Raw voxel bytes (already in the file's byte order).
    var data: [UInt8] = []

    var headerSize: Int { version == 1 ? 348 : 540 }
    var voxOffset: Int { version == 1 ? 352 : 544 }

    func bytes() -> [UInt8] {
        var h = [UInt8](repeating: 0, count: voxOffset)
        var w = Writer(bytes: h, big: bigEndian)
        w.i32(0, sizeofOverride ?? Int32(headerSize))
        if version == 1 {
            for i in 0..<8 { w.i16(40 + 2 * i, Int16(clamping: dims[i])) }
            w.i16(70, Int16(datatype)); w.i16(72, Int16(bitpix))
            for i in 0..<8 { w.f32(76 + 4 * i, Float(pixdim[i])) }
            w.f32(108, Float(voxOffset)); w.f32(112, Float(sclSlope)); w.f32(116, Float(sclInter))
            w.i16(252, Int16(qformCode)); w.i16(254, Int16(sformCode))
            for i in 0..<3 { w.f32(256 + 4 * i, Float(quatern[i])); w.f32(268 + 4 * i, Float(qoffset[i])) }
            for i in 0..<12 { w.f32(280 + 4 * i, Float(srow[i])) }
            w.raw(344, magicOverride ?? Array("n+1\0".utf8))
        } else {
            w.raw(4, magicOverride ?? [0x6E, 0x2B, 0x32, 0x00, 0x0D, 0x0A, 0x1A, 0x0A])
            w.i16(12, Int16(datatype)); w.i16(14, Int16(bitpix))
            for i in 0..<8 { w.i64(16 + 8 * i, Int64(dims[i])) }
            for i in 0..<8 { w.f64(104 + 8 * i, pixdim[i]) }
            w.i64(168, Int64(voxOffset)); w.f64(176, sclSlope); w.f64(184, sclInter)
            w.i32(344, Int32(qformCode)); w.i32(348, Int32(sformCode))
            for i in 0..<3 { w.f64(352 + 8 * i, quatern[i]); w.f64(376 + 8 * i, qoffset[i]) }
            for i in 0..<12 { w.f64(400 + 8 * i, srow[i]) }
        }
        h = w.bytes
        return h + data
    }

    func write(to url: URL, gzip: Bool = false) throws {
        let b = bytes()
        try Data(gzip ? Gzip.stored(b) : b).write(to: url)
    }

    struct Writer {
        var bytes: [UInt8]
        let big: Bool
        mutating func put(_ o: Int, _ v: UInt64, _ n: Int) {
            for k in 0..<n { bytes[o + (big ? n - 1 - k : k)] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
        }
        mutating func i16(_ o: Int, _ v: Int16) { put(o, UInt64(UInt16(bitPattern: v)), 2) }
        mutating func i32(_ o: Int, _ v: Int32) { put(o, UInt64(UInt32(bitPattern: v)), 4) }
        mutating func i64(_ o: Int, _ v: Int64) { put(o, UInt64(bitPattern: v), 8) }
        mutating func f32(_ o: Int, _ v: Float) { put(o, UInt64(v.bitPattern), 4) }
        mutating func f64(_ o: Int, _ v: Double) { put(o, v.bitPattern, 8) }
        mutating func raw(_ o: Int, _ v: [UInt8]) { for (k, b) in v.enumerated() { bytes[o + k] = b } }
    }
}

/// Little-endian bytes of float32 voxels.
func float32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) } }
}

/// Little-endian bytes of int16 voxels.
func int16Bytes(_ values: [Int16]) -> [UInt8] {
    values.flatMap { v in [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)] }
}

/// A minimal gzip writer (RFC 1952 member holding RFC 1951 stored blocks).
enum Gzip {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        var offset = 0
        repeat {
            let n = min(65_535, data.count - offset)
            let final: UInt8 = offset + n == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for v in [crc, size] { out += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for b in data { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
