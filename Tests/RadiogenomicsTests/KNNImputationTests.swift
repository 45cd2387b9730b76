import Foundation
import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// k-NN imputation against Bioconductor impute::impute.knn (Fixtures/knn, made by
/// scripts/fixtures/radiogenomics/make_knn_fixture.R): 420 genes × 20 samples, 352 missing
/// values, with maxp = 100 (four levels of two-means splits) and with the default maxp.
@Suite struct KNNImputationTests {
    /// samples × genes with NaN, from the genes × samples fixture.
    static func expression() throws -> Matrix {
        let rows = try Fixture.table("knn/expression.csv").rows
        var x = Matrix(rows: rows[0].count - 1, columns: rows.count)
        for (g, row) in rows.enumerated() {
            for s in 1..<row.count { x[s - 1, g] = Fixture.double(row[s]) }
        }
        return x
    }

    @Test func rSampleMatchesR() throws {
        let text = try String(contentsOf: try Fixture.url("knn/r_sample_and_log.txt"), encoding: .utf8)
        let expected = (text.split(separator: "\n").first ?? "").split(separator: ",").compactMap { Int($0) }
        var rng = RMersenneTwister(seed: 362_436_069)
        var got: [Int] = []
        for p in [420, 137, 5000] {
            let (a, b) = rng.sampleTwo(from: p)
            got += [a + 1, b + 1]
        }
        #expect(got == expected)
    }

    @Test(arguments: [("split", 100), ("whole", 1500)])
    func matchesImputeKNN(column: String, maxp: Int) throws {
        var x = try Self.expression()
        #expect(x.rows == 20 && x.columns == 420)
        let original = x
        let filled = KNNImputation.impute(&x, k: 10, maxp: maxp)
        let reference = try Fixture.table("knn/imputed.csv")
        let at = try #require(reference.header.firstIndex(of: column))
        #expect(filled == reference.rows.count)
        var worst = 0.0
        for row in reference.rows {
            let g = Int(row[0]) ?? -1
            let s = Int(row[1]) ?? -1
            #expect(original[s, g].isNaN)
            worst = max(worst, maxRelativeDifference([x[s, g]], [Fixture.double(row[at])]))
        }
        print("impute.knn maxp=\(maxp): \(reference.rows.count) values, max relative difference \(worst)")
        #expect(worst < 1e-12)
        #expect(!x.storage.contains { $0.isNaN })
        #expect(
            (0..<x.storage.count).allSatisfy { original.storage[$0].isNaN || original.storage[$0] == x.storage[$0] })
    }

    @Test func splitIsDeterministic() throws {
        var a = try Self.expression()
        var b = a
        KNNImputation.impute(&a, k: 10, maxp: 60)
        KNNImputation.impute(&b, k: 10, maxp: 60)
        #expect(a == b)
    }
}
