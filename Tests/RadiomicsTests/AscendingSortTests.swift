import RadVaultCore
import Testing

@testable import Radiomics

/// The radix sort must give exactly the standard library's stable `sorted()`, bit for bit.
@Suite struct AscendingSortTests {
    /// Values with duplicates, negatives, both zeros, subnormals and infinities.
    static func sample(seed: UInt64, count: Int) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        let specials: [Double] = [
            0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNormalMagnitude, 1e308,
        ]
        return (0..<count).map { i in
            switch rng.nextInt(below: 4) {
            case 0: return specials[i % specials.count]
            case 1: return Double(rng.nextInt(below: 200)) - 100
            default: return rng.nextGaussian() * 1e3
            }
        }
    }

    @Test(arguments: [0, 1, 7, 511, 512, 5_000, 40_000])
    func matchesStandardSortBitForBit(count: Int) {
        let values = Self.sample(seed: UInt64(count) + 3, count: count)
        let expected = values.sorted().map(\.bitPattern)
        #expect(AscendingSort.sorted(values).map(\.bitPattern) == expected)
    }

    @Test func constantInputIsReturnedUnchanged() {
        let values = [Double](repeating: -2.5, count: 1_000)
        #expect(AscendingSort.sorted(values) == values)
    }

    @Test func nanInputFallsBackToTheStandardSort() {
        var values = Self.sample(seed: 11, count: 2_000)
        values[17] = .nan
        let got = AscendingSort.sorted(values)
        let expected = values.sorted()
        #expect(got.count == expected.count)
        #expect(zip(got, expected).allSatisfy { $0.bitPattern == $1.bitPattern })
    }
}
