import Foundation
import LinearAlgebra
import Modeling
import RadVaultCore
import Testing

@testable import Radiogenomics

/// The tabulated correlation p-value against the exact continued fraction on dense grids, and
/// the radix order against a comparison sort.
@Suite struct CorrelationPValueTableTests {
    /// Largest relative difference table vs exact over a dense grid of |r| in [0, 1) plus
    /// seeded random points (both signs), where the exact p is a normal number.
    static func worstRelativeError(n: Int, grid: Int) -> (worst: Double, at: Double) {
        let table = CorrelationPValueTable(n: n)
        let exact = CorrelationPValue(n: n)
        var rng = SeededGenerator(seed: UInt64(n))
        var worst = 0.0
        var at = 0.0
        for i in 0..<(2 * grid) {
            let r = i < grid ? Double(i) / Double(grid) : (2 * rng.nextUniform() - 1)
            let e = exact.p(r)
            guard e >= 1e-300 else { continue }
            let d = abs(table.p(r) - e) / e
            if d > worst { (worst, at) = (d, r) }
        }
        return (worst, at)
    }

    @Test(arguments: [3, 4, 5, 8, 12, 30, 100, 300, 1_000, 5_000, 20_000])
    func tableMatchesExactFunctionDensely(n: Int) {
        let (worst, at) = Self.worstRelativeError(n: n, grid: 100_000)
        let bound = 2 * CorrelationPValueTable.checkTolerance(n: n)
        print("n=\(n): table vs exact max relative error \(worst) at r=\(at) (bound \(bound))")
        #expect(worst < bound, "n=\(n): \(worst) at r=\(at)")
        #expect(bound < 2e-11)
    }

    @Test func tableCoversTheNullRangeWithPolynomials() {
        // For n = 300, polynomials must serve nearly all of |r| < 0.5 (p down to 1e-20), so
        // that under the null almost no pair needs the exact function.
        let table = CorrelationPValueTable(n: 300)
        let stride = CorrelationPValueTable.stride
        var covered = 0.0
        for (c, cell) in table.cells.prefix(128).enumerated() where cell.mode != .exact {
            let parts = 1 << Int(cell.level)
            let start = Int(cell.offset)
            let good = (0..<parts).filter { !table.coefficients[start + $0 * stride].isNaN }.count
            covered += Double(good) / Double(parts)
            #expect(c < table.cells.count)
        }
        print("n=300: polynomial share of |r| < 0.5: \(covered / 128)")
        #expect(covered / 128 > 0.97)
        #expect(table.p(.nan).isNaN)
        #expect(table.p(1) == 0 && table.p(-1) == 0)
        #expect(abs(table.p(0) - 1) <= 2e-15)
        #expect(table.p(0.25) == table.p(-0.25))
    }

    @Test func radixOrderIsTheComparisonOrder() {
        var rng = SeededGenerator(seed: 7)
        var values = (0..<5_000).map { _ in rng.nextGaussian() * 0.1 }
        for k in stride(from: 0, to: 5_000, by: 97) { values[k] = .nan }
        for k in stride(from: 1, to: 5_000, by: 89) { values[k] = -values[k - 1] }
        for k in stride(from: 3, to: 5_000, by: 101) { values[k] = values[k - 1].nextUp }
        values[10] = 1
        values[11] = -1
        values[12] = 0
        values[13] = -0.0
        let expected = values.indices.filter { !values[$0].isNaN }.sorted {
            abs(values[$0]) > abs(values[$1]) || (abs(values[$0]) == abs(values[$1]) && $0 < $1)
        }
        var order = AbsoluteOrder()
        for _ in 0..<2 {
            let got = values.withUnsafeBufferPointer { order.sorted($0) { _, idx in idx.map(Int.init) } }
            #expect(got == expected)
        }
    }

    @Test func fastAndExactPathsAgreeOnAColumnWithAndWithoutMissingValues() throws {
        var rng = SeededGenerator(seed: 11)
        var f = Matrix(rows: 40, columns: 2)
        var g = Matrix(rows: 40, columns: 300)
        for k in f.storage.indices { f.storage[k] = rng.nextGaussian() }
        for k in g.storage.indices { g.storage[k] = rng.nextGaussian() + 0.02 * Double(k % 40) }
        let names = (0..<300).map { "g\($0)" }
        let c = try FeatureGeneCorrelation.compute(
            features: f, featureNames: ["a", "b"], genes: g, geneNames: names, method: .pearson)
        f[5, 1] = .nan
        let m = try FeatureGeneCorrelation.compute(
            features: f, featureNames: ["a", "b"], genes: g, geneNames: names, method: .pearson)
        // Column 0 goes through the table and the radix order; check it against exact p and a
        // BH by sorting; column 1 of `m` goes through the exact path.
        let exact = CorrelationPValue(n: 40)
        let p0 = (0..<300).map { exact.p(c.r[$0, 0]) }
        let q0 = MultipleTesting.benjaminiHochberg(p0)
        #expect(maxRelativeDifference((0..<300).map { c.p[$0, 0] }, p0) < 1e-12)
        #expect(maxRelativeDifference((0..<300).map { c.q[$0, 0] }, q0) < 1e-12)
        let exact39 = CorrelationPValue(n: 39)
        let p1 = (0..<300).map { exact39.p(m.r[$0, 1]) }
        #expect((0..<300).map { m.p[$0, 1] } == p1)
        #expect(maxRelativeDifference((0..<300).map { m.q[$0, 1] }, MultipleTesting.benjaminiHochberg(p1)) < 1e-14)
    }
}
