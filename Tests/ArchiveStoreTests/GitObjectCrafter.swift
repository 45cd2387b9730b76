import Foundation

/// Writes loose git objects by hand (SHA-1 named, zlib with stored blocks), so a test can make
/// the trees git's own tools would refuse to build, e.g. an entry named `..`.
struct GitObjectCrafter {
    /// The `.git` folder to write into.
    let gitFolder: URL

    /// Writes an object of `type` with `body`; returns its id (40 hex digits).
    @discardableResult
    func write(_ type: String, _ body: [UInt8]) throws -> String {
        let raw = Array("\(type) \(body.count)\0".utf8) + body
        let id = Self.hex(Self.sha1(raw))
        let url = gitFolder.appendingPathComponent("objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.zlibStored(raw)).write(to: url)
        return id
    }

    /// A tree of `(mode, name, id)` entries, in the order given.
    func tree(_ entries: [(String, String, String)]) throws -> String {
        var body: [UInt8] = []
        for (mode, name, id) in entries {
            body += Array("\(mode) \(name)\0".utf8) + Self.bytes(hex: id)
        }
        return try write("tree", body)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func bytes(hex: String) -> [UInt8] {
        let chars = Array(hex.utf8)
        return stride(from: 0, to: chars.count, by: 2).map {
            UInt8(String(decoding: chars[$0..<($0 + 2)], as: UTF8.self), radix: 16) ?? 0
        }
    }

    /// A zlib stream of stored (uncompressed) deflate blocks (RFC 1950, RFC 1951 section 3.2.4).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let end = min(start + 65_535, data.count)
            let n = UInt16(end - start)
            out += [end == data.count ? 1 : 0, UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8(~n >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        let adler = (b << 16) | a
        return out + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xff), UInt8((adler >> 8) & 0xff), UInt8(adler & 0xff)]
    }

    /// SHA-1 (FIPS 180-4), which git names objects by.
    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var m = message + [0x80]
        while m.count % 64 != 56 { m.append(0) }
        let bits = UInt64(message.count) * 8
        m += (0..<8).map { UInt8((bits >> (56 - 8 * UInt64($0))) & 0xff) }
        for chunk in stride(from: 0, to: m.count, by: 64) {
            var w = (0..<16).map { i in
                (0..<4).reduce(UInt32(0)) { ($0 << 8) | UInt32(m[chunk + 4 * i + $1]) }
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w.append((x << 1) | (x >> 31))
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) =
                    i < 20
                    ? ((b & c) | (~b & d), 0x5A82_7999)
                    : i < 40
                        ? (b ^ c ^ d, 0x6ED9_EBA1)
                        : i < 60 ? ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC) : (b ^ c ^ d, 0xCA62_C1D6)
                let t = ((a << 5) | (a >> 27)) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, (b << 30) | (b >> 2), a, t)
            }
            h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e]
        }
        return h.flatMap { v in (0..<4).map { UInt8((v >> (24 - 8 * UInt32($0))) & 0xff) } }
    }
}
