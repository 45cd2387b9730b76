import Foundation
import RadVaultCore
import Testing

@testable import Modeling

@Suite struct StatisticsTests {
    func distribution(_ row: JSONValue) -> any ContinuousDistribution {
        let params = row["params"]?.doubles ?? []
        switch row["name"]?.stringValue ?? "" {
        case "t": return StudentTDistribution(degreesOfFreedom: params[0])
        case "chi2": return ChiSquareDistribution(degreesOfFreedom: params[0])
        case "f": return FDistribution(d1: params[0], d2: params[1])
        default: return NormalDistribution()
        }
    }

    @Test func distributionsMatchSciPy() throws {
        let rows = try #require(try Fixture.json("statistics.json")["distributions"]?.arrayValue)
        var worst = (cdf: 0.0, sf: 0.0, quantile: 0.0)
        for row in rows {
            let d = distribution(row)
            let xs = row["x"]?.doubles ?? []
            let cdf = xs.map { d.cdf($0) }
            let sf = xs.map { d.sf($0) }
            let q = (row["p"]?.doubles ?? []).map { d.quantile($0) }
            // Values below 1e-300 are compared absolutely (SciPy and we both underflow there).
            worst.cdf = max(worst.cdf, maxRelativeError(cdf, row["cdf"]?.doubles ?? [], floor: 1e-300))
            worst.sf = max(worst.sf, maxRelativeError(sf, row["sf"]?.doubles ?? [], floor: 1e-300))
            worst.quantile = max(worst.quantile, maxRelativeError(q, row["quantile"]?.doubles ?? [], floor: 1e-300))
        }
        print("distributions: max relative error cdf \(worst.cdf) sf \(worst.sf) quantile \(worst.quantile)")
        #expect(worst.cdf < 1e-12)
        #expect(worst.sf < 1e-12)
        #expect(worst.quantile < 1e-12)
    }

    @Test func testsAndCorrelationsMatchSciPy() throws {
        let f = try Fixture.json("statistics.json")
        let a = f["sample_a"]?.doubles ?? []
        let b = f["sample_b"]?.doubles ?? []
        let mw = UnivariateTests.mannWhitney(a, b)
        #expect(mw.statistic == f["mann_whitney"]?["u"]?.number)
        #expect(maxRelativeError([mw.pValue], [f["mann_whitney"]?["p"]?.number ?? 0]) < 1e-12)
        let welch = UnivariateTests.welch(a, b)
        #expect(
            maxRelativeError(
                [welch.statistic, welch.pValue], [f["welch"]?["t"]?.number ?? 0, f["welch"]?["p"]?.number ?? 0]) < 1e-12
        )
        #expect(Ranks.average(a) == f["ranks"]?.doubles)
        let r = Correlation.pearson(Array(a.prefix(20)), Array(b.prefix(20)))
        let rho = Correlation.spearman(Array(a.prefix(20)), Array(b.prefix(20)))
        #expect(maxRelativeError([r, rho], [f["pearson"]?.number ?? 0, f["spearman"]?.number ?? 0]) < 1e-12)
        #expect(
            maxRelativeError(MultipleTesting.benjaminiHochberg(f["bh_p"]?.doubles ?? []), f["bh_q"]?.doubles ?? [])
                < 1e-14)
    }

    @Test func hypergeometricTailMatchesSciPy() throws {
        let rows = try #require(try Fixture.json("statistics.json")["hypergeometric"]?.arrayValue)
        var worst = 0.0
        for row in rows {
            let v = Hypergeometric.upperTail(
                k: row["k"]?.intValue ?? 0, population: row["population"]?.intValue ?? 0,
                successes: row["successes"]?.intValue ?? 0, draws: row["draws"]?.intValue ?? 0)
            // Loader's saddle-point terms (no log-gamma of large arguments) keep ~1e-14.
            #expect(maxRelativeError([v], [row["upper"]?.number ?? 0]) < 1e-13, "\(row) got \(v)")
            worst = max(worst, maxRelativeError([v], [row["upper"]?.number ?? 0]))
        }
        print("hypergeometric upper tail: max relative error \(worst)")
    }

    @Test func benjaminiHochbergKeepsNaN() {
        let q = MultipleTesting.benjaminiHochberg([0.01, .nan, 0.02])
        #expect(q[1].isNaN)
        #expect(q[0] == 0.02 && q[2] == 0.02)
    }
}
