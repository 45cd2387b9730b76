import Foundation

/// A fast JSON reader for `JSONValue`, with Foundation's `JSONDecoder` as the reference.
///
/// Every catalog read, manifest check and replay comparison parses JSON, and decoding
/// `JSONValue` through `Decodable` costs a thrown error per failed type probe. This reader
/// handles strict JSON in one pass. Whatever it is not sure to read exactly as `JSONDecoder`
/// does (trailing commas, duplicate keys, integral numbers at or beyond 2^53, control
/// characters, invalid UTF-8, very deep nesting) makes it give up, and `CanonicalJSON.parse`
/// then uses `JSONDecoder`, so the result is always the reference one.
///
/// The reference's number rule, kept here: a number whose value is an integer becomes `.int`
/// (so `1.0`, `1e2` and `-0.0` are integers), anything else `.double`.
struct JSONParser {
    /// Why the fast reader gave up (never shown to users; the reference decoder decides).
    struct GiveUp: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private static let maxDepth = 256

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The value of `bytes`, or nil when the reference decoder must decide.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        var p = JSONParser(bytes)
        do {
            p.skipSpace()
            let v = try p.value()
            p.skipSpace()
            return p.i == bytes.count ? v : nil
        } catch {
            return nil
        }
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func peek() throws -> UInt8 {
        guard i < bytes.count else { throw GiveUp() }
        return bytes[i]
    }

    private mutating func expect(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw GiveUp() }
        let w = word.utf8Start
        for k in 0..<n where bytes[i + k] != w[k] { throw GiveUp() }
        i += n
    }

    private mutating func value() throws -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        default: return try number()
        }
    }

    private mutating func object() throws -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw GiveUp() }
        defer { depth -= 1 }
        i += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if try peek() == UInt8(ascii: "}") {
            i += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard try peek() == UInt8(ascii: "\"") else { throw GiveUp() }
            let key = try string()
            skipSpace()
            guard try peek() == UInt8(ascii: ":") else { throw GiveUp() }
            i += 1
            skipSpace()
            let v = try value()
            // Duplicate keys: the reference keeps the first; leave such documents to it.
            guard members.updateValue(v, forKey: key) == nil else { throw GiveUp() }
            skipSpace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"):
                i += 1
                return .object(members)
            default: throw GiveUp()
            }
        }
    }

    private mutating func array() throws -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw GiveUp() }
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if try peek() == UInt8(ascii: "]") {
            i += 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            switch try peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"):
                i += 1
                return .array(items)
            default: throw GiveUp()
            }
        }
    }

    /// A string starting at the opening quote; escapes decoded, UTF-8 validated.
    private mutating func string() throws -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let s = try Self.utf8(UnsafeBufferPointer(rebasing: bytes[start..<i]))
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            guard b >= 0x20 else { throw GiveUp() }
            i += 1
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return try out.withUnsafeBufferPointer { try Self.utf8($0) }
            case UInt8(ascii: "\\"):
                i += 1
                try escape(into: &out)
            default:
                guard b >= 0x20 else { throw GiveUp() }
                out.append(b)
                i += 1
            }
        }
        throw GiveUp()
    }

    private mutating func escape(into out: inout [UInt8]) throws {
        let e = try peek()
        i += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                try expect("\\u")
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw GiveUp() }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let u = Unicode.Scalar(scalar) else { throw GiveUp() }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw GiveUp()
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw GiveUp() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw GiveUp()
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private static func utf8(_ b: UnsafeBufferPointer<UInt8>) throws -> String {
        guard let s = String(validating: b, as: UTF8.self) else { throw GiveUp() }
        return s
    }

    /// A JSON number (strict grammar). Plain integers of up to 18 digits are exact; anything
    /// else goes through `Double` and is an integer when integral below 2^53 in magnitude.
    private mutating func number() throws -> JSONValue {
        let start = i
        if try peek() == UInt8(ascii: "-") { i += 1 }
        let intStart = i
        guard i < bytes.count, Self.isDigit(bytes[i]) else { throw GiveUp() }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < bytes.count, Self.isDigit(bytes[i]) { throw GiveUp() }
        } else {
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
        }
        let intDigits = i - intStart
        var plain = true
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            plain = false
            i += 1
            let f = i
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            guard i > f else { throw GiveUp() }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            plain = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let e = i
            while i < bytes.count, Self.isDigit(bytes[i]) { i += 1 }
            guard i > e else { throw GiveUp() }
        }
        if plain, intDigits <= 18 {
            var v: Int64 = 0
            for k in intStart..<i { v = v * 10 + Int64(bytes[k] - UInt8(ascii: "0")) }
            return .int(bytes[start] == UInt8(ascii: "-") ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw GiveUp() }
        if d.rounded() == d {
            guard abs(d) < 9_007_199_254_740_992 else { throw GiveUp() }
            return .int(Int64(d))
        }
        return .double(d)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
