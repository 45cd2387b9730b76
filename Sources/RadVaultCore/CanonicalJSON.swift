import Foundation

/// RadVault's canonical JSON encoding (DESIGN.md, "Reproducibility contract").
///
/// Rules, so that the same values always give the same bytes:
/// - object keys sorted by their UTF-8 bytes; no whitespace outside strings;
/// - integers in decimal; doubles in Swift's shortest round-trip form (`description`),
///   `-0.0` kept; NaN and ±infinity spelled out as the strings `"NaN"`, `"Infinity"`,
///   `"-Infinity"`;
/// - strings escape `"` `\\` and control characters (`\b \f \n \r \t`, others as `\u00XX`);
///   all other characters are written as UTF-8;
/// - a document produced for hashing has no trailing newline.
public enum CanonicalJSON {
    /// Canonical bytes of a JSON value.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, pretty: false, indent: 0)
        return out
    }

    /// Canonical bytes of any `Encodable` (through `JSONValue`).
    public static func bytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        bytes(try jsonValue(value))
    }

    /// Converts an `Encodable` to a `JSONValue` (non-finite doubles become their spelled-out strings).
    public static func jsonValue<T: Encodable>(_ value: T) throws -> JSONValue {
        if let v = value as? JSONValue { return v }
        let enc = JSONEncoder()
        enc.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let data = try enc.encode(value)
        return try parse(data)
    }

    /// Decodes canonical (or any) JSON into a `Decodable`, accepting spelled-out non-finite doubles.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some DataProtocol) throws -> T {
        let dec = JSONDecoder()
        dec.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try dec.decode(T.self, from: Data(bytes))
    }

    /// Parses bytes into a `JSONValue`: the one-pass `JSONParser` when it is sure, else
    /// Foundation's `JSONDecoder` (the reference; see `JSONParser`).
    public static func parse(_ bytes: some DataProtocol) throws -> JSONValue {
        let data = Data(bytes)
        if let v = data.withUnsafeBytes({ JSONParser.parse($0.bindMemory(to: UInt8.self)) }) { return v }
        return try referenceParse(data)
    }

    /// Parses with Foundation's `JSONDecoder` only (the reference behaviour).
    static func referenceParse(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Canonical text (for display or files meant to be read by people, with `pretty`).
    public static func string(_ value: JSONValue, pretty: Bool = false) -> String {
        var out: [UInt8] = []
        write(value, into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Digest of the canonical bytes.
    public static func digest(_ value: JSONValue) -> Digest { Digest.of(bytes(value)) }

    static func write(_ v: JSONValue, into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch v {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .int(let i): out.append(contentsOf: Array(String(i).utf8))
        case .double(let d):
            if d.isFinite {
                out.append(contentsOf: Array(d.description.utf8))
            } else {
                writeString(d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"), into: &out)
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, e) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, indent: indent + 1)
                write(e, into: &out, pretty: pretty, indent: indent + 1)
            }
            if !a.isEmpty { newline(&out, pretty: pretty, indent: indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            let keys = o.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (i, k) in keys.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, indent: indent + 1)
                writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                if let e = o[k] { write(e, into: &out, pretty: pretty, indent: indent + 1) }
            }
            if !o.isEmpty { newline(&out, pretty: pretty, indent: indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        guard pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: [UInt8](repeating: UInt8(ascii: " "), count: 2 * indent))
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x08: out.append(contentsOf: [92, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
