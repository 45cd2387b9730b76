import Foundation
import RadVaultCore
import Replay
import Testing

struct OutputComparatorTests {
    func compare(_ a: String, _ b: String, _ t: Tolerance = .exact) -> OutputComparison {
        OutputComparator.compare(output: "o", recorded: Data(a.utf8), replayed: Data(b.utf8), tolerance: t)
    }

    @Test func structuralChangesAreListedFirst() {
        let c = compare(#"{"a":1,"b":[1,2],"c":"x"}"#, #"{"a":2,"b":[1,2,3],"d":"x"}"#)
        #expect(c.verdict == .different)
        #expect(c.differences.map(\.kind) == [.structure, .structure, .structure, .value])
        #expect(c.differences.map(\.path) == ["b", "c", "d", "a"])
    }

    @Test func arrayElementsAreNamedByTheirIdentifyingField() {
        let c = compare(#"{"rows":[{"feature":"f1","value":1.0}]}"#, #"{"rows":[{"feature":"f1","value":1.5}]}"#)
        #expect(c.differences.first?.path == "rows[f1].value")
    }

    @Test func aCorrelationIsNamedByFeatureAndGene() {
        let recorded = #"{"significant":[{"feature":"f1","gene":"G1","q":0.01},{"feature":"f1","gene":"G2","q":0.02}]}"#
        let replayed = #"{"significant":[{"feature":"f1","gene":"G1","q":0.01},{"feature":"f1","gene":"G2","q":0.07}]}"#
        let c = compare(recorded, replayed)
        #expect(c.differences.map(\.path) == ["significant[f1/G2].q"])
    }

    @Test func aKeyedElementThatLeftIsNamedOnceWithoutShiftingTheRest() {
        let recorded = #"{"hubs":[{"gene":"A","kME":0.9},{"gene":"B","kME":0.85},{"gene":"C","kME":0.81}]}"#
        let replayed = #"{"hubs":[{"gene":"A","kME":0.9},{"gene":"C","kME":0.81},{"gene":"D","kME":0.8}]}"#
        let c = compare(recorded, replayed)
        #expect(c.verdict == .different)
        #expect(c.differences.map(\.kind) == [.structure, .structure])
        #expect(c.differences.map(\.path) == ["hubs[B]", "hubs[D]"])
        #expect(c.differences.map(\.detail) == ["element missing in the replay", "element only in the replay"])
        let reordered = compare(
            recorded, #"{"hubs":[{"gene":"B","kME":0.85},{"gene":"A","kME":0.9},{"gene":"C","kME":0.81}]}"#)
        #expect(reordered.differences.map(\.detail) == ["elements in another order"])
    }

    @Test func nonJSONBytesDiffer() {
        let c = compare("abc", "abd")
        #expect(c.verdict == .different)
        #expect(c.differences.first?.kind == .bytes)
    }

    @Test func nanMatchesOnlyNaN() {
        #expect(compare(#"{"x":"NaN"}"#, #"{"x":"NaN"}"#).verdict == .identical)
        let c = compare(#"{"x":"NaN"}"#, #"{"x":1.0}"#, Tolerance(absolute: 1, relative: 1))
        #expect(c.verdict == .different)
        #expect(c.maxDeviation == .infinity)
    }

    @Test(arguments: [(1.0, 1.0 + 1e-13, true), (1e6, 1e6 + 1e-4, true), (1e-20, 2e-20, true), (1.0, 1.001, false)])
    func toleranceCombinesAbsoluteAndRelative(a: Double, b: Double, accepted: Bool) {
        let t = Tolerance(absolute: 1e-12, relative: 1e-9)
        #expect(t.accepts(a, b) == accepted)
        #expect(t.accepts(b, a) == accepted)
    }
}
