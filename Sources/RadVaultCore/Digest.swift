import Crypto
import Foundation

/// A SHA-256 content digest, spelled `sha256:<64 lowercase hex>`.
public struct Digest: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    public let hex: String

    /// Parses `sha256:<64 hex>` or bare 64 hex digits.
    public init(parsing text: String) throws {
        let body = text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text
        // Fast path for the canonical form (64 lowercase ASCII hex digits, as stored everywhere):
        // checked byte by byte, no Character iteration or lowercasing. Anything else takes the
        // general path below, so the accepted inputs and results are unchanged.
        if body.utf8.count == 64, body.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
            self.hex = body
            return
        }
        guard body.count == 64, body.allSatisfy({ $0.isHexDigit }) else {
            throw RadVaultError.invalidInput(
                "digest '\(text)': expected 'sha256:' followed by 64 hex digits")
        }
        self.hex = body.lowercased()
    }

    public init(hex: String) throws { try self.init(parsing: hex) }

    init(uncheckedHex: String) { self.hex = uncheckedHex }

    public var description: String { "sha256:" + hex }
    /// The first 12 hex digits, for display.
    public var short: String { String(hex.prefix(12)) }

    public static func < (a: Digest, b: Digest) -> Bool { a.hex < b.hex }

    /// SHA-256 of a byte buffer.
    public static func of<D: DataProtocol>(_ bytes: D) -> Digest {
        var h = SHA256()
        h.update(data: bytes)
        return Digest(uncheckedHex: hexString(h.finalize()))
    }

    /// SHA-256 of the UTF-8 bytes of a string.
    public static func of(string: String) -> Digest { of(Array(string.utf8)) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        try self.init(parsing: try c.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Validates a user-given prefix (`sha256:` optional, at least 8 hex digits).
    public static func normalisePrefix(_ text: String) throws -> String {
        let body = (text.hasPrefix("sha256:") ? String(text.dropFirst(7)) : text).lowercased()
        guard body.count >= 8, body.count <= 64, body.allSatisfy({ $0.isHexDigit }) else {
            throw RadVaultError.invalidInput(
                "digest prefix '\(text)': expected at least 8 hex digits (optionally after 'sha256:')")
        }
        return body
    }
}

/// Incremental SHA-256, for streaming large inputs without holding them in memory.
public struct StreamingHasher: Sendable {
    private var state = SHA256()
    public private(set) var byteCount: Int = 0
    public init() {}
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state.update(bufferPointer: bytes)
        byteCount += bytes.count
    }
    public mutating func update<D: DataProtocol>(_ data: D) {
        state.update(data: data)
        byteCount += data.count
    }
    public func finalize() -> Digest { Digest(uncheckedHex: hexString(state.finalize())) }
}

func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Lowercase hex of arbitrary bytes.
public func hexEncode<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 { hexString(bytes) }
