import Modeling
import RadVaultCore
import Testing

@testable import Radiogenomics

/// Special functions and multiple testing against scipy (Fixtures/correlation/special.csv).
@Suite struct StatisticsTests {
    @Test func specialFunctionsMatchScipy() throws {
        let rows = try Fixture.table("correlation/special.csv").rows
        #expect(rows.count == 18)
        var worst = (hypergeometric: 0.0, t: 0.0)
        defer { print("special functions vs scipy: hypergeometric \(worst.hypergeometric), Student t \(worst.t)") }
        for row in rows {
            let expected = Fixture.double(row[5])
            let got: Double
            if row[0] == "hypergeom_sf" {
                got = Hypergeometric.upperTail(
                    k: Int(row[1]) ?? 0, population: Int(row[2]) ?? 0, successes: Int(row[3]) ?? 0,
                    draws: Int(row[4]) ?? 0)
                #expect(maxRelativeDifference([got], [expected]) < 1e-13, "\(row) got \(got)")
                worst.hypergeometric = max(worst.hypergeometric, maxRelativeDifference([got], [expected]))
            } else {
                got = 2 * StudentTDistribution(degreesOfFreedom: Fixture.double(row[2])).sf(abs(Fixture.double(row[1])))
                #expect(maxRelativeDifference([got], [expected]) < 1e-13, "\(row) got \(got)")
                worst.t = max(worst.t, maxRelativeDifference([got], [expected]))
            }
        }
    }

    @Test func benjaminiHochbergByHand() {
        // m = 4: sorted p 0.01, 0.02, 0.03, 0.5 -> raw 0.04, 0.04, 0.04, 0.5; NaN is left out of m.
        let q = MultipleTesting.benjaminiHochberg([0.03, 0.5, .nan, 0.01, 0.02])
        #expect(q[0] == 0.04 && q[3] == 0.04 && q[4] == 0.04 && q[1] == 0.5)
        #expect(q[2].isNaN)
    }

    @Test func averageRanksShareTies() {
        #expect(Ranks.average([3, 1, 3, 2]) == [3.5, 1, 3.5, 2])
    }

    @Test func correlationPValueEdges() {
        #expect(Correlation.pValue(r: 1, n: 10) == 0)
        #expect(Correlation.pValue(r: 0, n: 10) == 1)
        #expect(Correlation.pValue(r: 0.3, n: 2).isNaN)
    }
}
