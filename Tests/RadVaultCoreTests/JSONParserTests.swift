import Foundation
import Testing

@testable import RadVaultCore

/// The one-pass reader must give exactly what Foundation's `JSONDecoder` gives (or defer to it).
@Suite struct JSONParserTests {
    /// Tokens where the reference has a rule of its own: integral numbers become `.int`, exact
    /// big decimals, underflow, trailing commas and duplicate keys it accepts, errors it raises.
    static let tricky = [
        "1.0", "1e2", "1.5", "-0", "-0.0", "12345678901234567890", "-9223372036854775808", "1E400", "1e-400", "0.1",
        "2.5e-3", "1.0e0", "100.00", "4503599627370497.5", "0.99999999999999999", "1e+16", "9007199254740993.0",
        "1.7976931348623157e308", "4.9e-324", "123456789012345678", "1234567890123456789", "[1,]", "{\"a\":1,}",
        "{\"a\":1,\"a\":2}", "01", "1 2", "-", "1.", ".5", "nan", "\"\\u00e9\\ud83d\\ude00\\n\\/\"", "\"\\u0000\"",
        "\"\\udc00\"", "\"\t\"", " [1, 2 ] ", "[\"x\"  ,  {} ]", "true", "false", "null", "{\"b\":null}", "\"\u{7f}\"",
        "[[[[[]]]]]", "{\"k\":[1,2.5,\"s\",{\"n\":-3e-7}]}", "", "   ", "[", "{\"a\"}", "\"abc", "tru", "1e", "1e+",
    ]

    static func reference(_ text: String) -> JSONValue? {
        try? CanonicalJSON.referenceParse(Data(text.utf8))
    }

    @Test(arguments: tricky) func trickyTokensMatchTheReference(text: String) {
        #expect((try? CanonicalJSON.parse(Array(text.utf8))) == Self.reference(text), "\(text)")
    }

    /// Random documents in the shape RadVault writes (canonical and pretty), plus odd numbers.
    @Test func randomDocumentsMatchTheReference() throws {
        var g = SeededGenerator(seed: 20_261_128)
        var fastPathCount = 0
        for round in 0..<300 {
            let v = Self.randomValue(&g, depth: 0)
            for text in [CanonicalJSON.string(v), CanonicalJSON.string(v, pretty: true)] {
                let fast = try CanonicalJSON.parse(Array(text.utf8))
                #expect(fast == Self.reference(text), "round \(round): \(text.prefix(200))")
                if Array(text.utf8).withUnsafeBufferPointer({ JSONParser.parse($0) }) != nil { fastPathCount += 1 }
            }
        }
        // Most documents are read by the fast path (the rest defer to the reference by design).
        #expect(fastPathCount > 300)
    }

    static func randomValue(_ g: inout SeededGenerator, depth: Int) -> JSONValue {
        switch g.nextInt(below: depth > 3 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(g.nextInt(below: 2) == 1)
        case 2: return .int(Int64(g.nextInt(below: 2_000_001)) - 1_000_000)
        case 3:
            let scales = [1e-320, 1e-12, 1e-3, 1, 1e3, 1e15, 1e300]
            let x = g.nextGaussian() * scales[g.nextInt(below: scales.count)]
            return .double(g.nextInt(below: 5) == 0 ? x.rounded() : x)
        case 4:
            let pieces = ["a", "é", "😀", "\"", "\\", "\n", "\t", "\u{1}", "/", "Ω", " ", "x y"]
            return .string((0..<g.nextInt(below: 6)).map { _ in pieces[g.nextInt(below: pieces.count)] }.joined())
        case 5: return .string("sha256:" + String(repeating: "ab", count: 32))
        case 6: return .array((0..<g.nextInt(below: 5)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            var o: [String: JSONValue] = [:]
            for k in 0..<g.nextInt(below: 5) { o["k\(k)\(g.nextInt(below: 3))"] = randomValue(&g, depth: depth + 1) }
            return .object(o)
        }
    }
}
