import Foundation
import Testing

@testable import Radiomics

/// The digital phantom against the IBSI-1 reference values (no processing: intensities 1…6 are
/// their own grey levels).
struct IBSIDigitalPhantomTests {
    @Test(arguments: [FeatureFamily.intensityStatistics, .intensityHistogram, .intensityVolumeHistogram])
    func firstOrderFamiliesMatch(family: FeatureFamily) throws {
        let report = try IBSICheck.run(benchmarks: [.digital], kernels: TestKernels.kernels)
        let tally = try #require(report.benchmarks.first { $0.family == family })
        let misses = report.mismatches.filter { $0.row.family == family }
        #expect(tally.matched == tally.total, "\(misses.map { "\($0.row.feature): got \($0.got ?? .nan)" })")
        #expect(
            tally.total == [.intensityStatistics: 18, .intensityHistogram: 23, .intensityVolumeHistogram: 6][family])
    }

    @Test func reportJSONHasTheContractedShape() throws {
        let report = try IBSICheck.run(benchmarks: [.digital], kernels: TestKernels.kernels)
        let json = report.jsonValue
        #expect(json["total"]?.intValue == 482)
        #expect(json["matched"]?.intValue == report.matched)
        let first = try #require(json["benchmarks"]?.arrayValue?.first?.objectValue)
        #expect(Set(first.keys) == ["phantom", "config", "family", "matched", "total"])
        if let miss = json["mismatches"]?.arrayValue?.first?.objectValue {
            #expect(
                Set(miss.keys) == [
                    "family", "feature", "ibsi_code", "aggregation", "phantom", "config", "expected", "tolerance",
                    "got",
                ])
        }
        #expect(report.text.hasPrefix("IBSI-1 reference values matched: \(report.matched)/482"))
    }
}

/// The digital phantom with the standard kernels: every family, every aggregation.
struct IBSIDigitalPhantomFullTests {
    @Test func everyDigitalReferenceValueMatches() throws {
        let report = try IBSICheck.run(benchmarks: [.digital])
        #expect(report.total == 482)
        #expect(report.matched == report.total, "\(report.text)")
        for family in FeatureFamily.allCases {
            #expect(report.benchmarks.contains { $0.family == family }, "\(family) has no digital reference rows")
        }
    }
}
