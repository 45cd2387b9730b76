import Foundation
import Testing

@testable import RadVaultCore

@Test func canonicalJSONSortsKeysAndSpellsNonFinite() throws {
    let v: JSONValue = .object([
        "b": .double(0.1), "a": .int(3), "c": .array([.number(.nan), .number(.infinity), .number(-.infinity)]),
        "d": .string("x\"y\n"),
    ])
    let s = String(decoding: CanonicalJSON.bytes(v), as: UTF8.self)
    #expect(s == #"{"a":3,"b":0.1,"c":["NaN","Infinity","-Infinity"],"d":"x\"y\n"}"#)
}

@Test func canonicalJSONOfEncodableIsStable() throws {
    struct S: Codable { var z: Double; var a: [Int]; var m: [String: Double] }
    let s = S(z: 1.0 / 3.0, a: [3, 1], m: ["y": 2.5, "x": .nan])
    let b1 = try CanonicalJSON.bytes(s)
    let b2 = try CanonicalJSON.bytes(s)
    #expect(b1 == b2)
    #expect(String(decoding: b1, as: UTF8.self) == #"{"a":[3,1],"m":{"x":"NaN","y":2.5},"z":0.3333333333333333}"#)
    let back = try CanonicalJSON.decode(S.self, from: b1)
    #expect(back.z == s.z && back.m["x"]!.isNaN)
}

@Test func digestParsesAndRejects() throws {
    let d = Digest.of(string: "abc")
    #expect(d.description == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(try Digest(parsing: d.description) == d)
    #expect(throws: RadVaultError.self) { try Digest(parsing: "sha256:xyz") }
    #expect(throws: RadVaultError.self) { try Digest.normalisePrefix("abc") }
    #expect(try Digest.normalisePrefix("sha256:BA7816BF") == "ba7816bf")
}

@Test func seededGeneratorIsReproducible() {
    var a = SeededGenerator(seed: 42)
    var b = SeededGenerator(seed: 42)
    let xs = (0..<5).map { _ in a.next() }
    let ys = (0..<5).map { _ in b.next() }
    #expect(xs == ys)
    var c = SeededGenerator(seed: 7)
    let p = c.permutation(10)
    #expect(p.sorted() == Array(0..<10))
    var d = SeededGenerator(seed: 7)
    #expect(d.permutation(10) == p)
    for _ in 0..<1000 {
        let u = a.nextUniform()
        #expect(u >= 0 && u < 1)
    }
}

@Test func delimitedTableParsesQuotesAndRejectsRaggedRows() throws {
    let t = try DelimitedTable.parse("id,name\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n", source: "x.csv")
    #expect(t.header == ["id", "name"])
    #expect(t.rows == [["1", "a,b"], ["2", "say \"hi\""]])
    #expect(throws: RadVaultError.self) { try DelimitedTable.parse("a,b\n1\n", source: "bad.csv") }
    let tsv = try DelimitedTable.parse("g\ts1\nTP53\t1.5\n", source: "e.tsv")
    #expect(tsv.rows == [["TP53", "1.5"]])
}
