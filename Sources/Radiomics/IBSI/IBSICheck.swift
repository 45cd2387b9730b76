import Foundation
import Imaging
import RadVaultCore

/// The IBSI-1 compliance check: computes the digital phantom and CT configurations A–E from
/// the bundled phantoms and compares every value with the bundled reference values using
/// `IBSIMatchRule`.
public enum IBSICheck {
    /// Runs every benchmark (1803 reference values).
    public static func run() throws -> IBSICheckReport {
        try run(benchmarks: IBSIBenchmark.all)
    }

    /// Runs the given benchmarks with the given kernels and feature registry.
    public static func run(
        benchmarks: [IBSIBenchmark], kernels: ExtractionKernels = .standard,
        definitions: [FeatureDefinition] = FeatureCatalog.all
    ) throws -> IBSICheckReport {
        let rows = try IBSIReferenceData.rows()
        var tags: [String: String] = [:]
        for d in definitions { tags["\(d.family.rawValue)|\(d.name)"] = d.tag }
        var tallies: [IBSICheckReport.Tally] = []
        var mismatches: [IBSICheckReport.Mismatch] = []
        for benchmark in benchmarks {
            let result = try extract(benchmark, kernels: kernels)
            let benchmarkRows = rows.filter { $0.phantom == benchmark.phantom && $0.config == benchmark.config }
            for family in FeatureFamily.allCases {
                let familyRows = benchmarkRows.filter { $0.family == family }
                guard !familyRows.isEmpty else { continue }
                var matched = 0
                for row in familyRows {
                    let got = tags["\(family.rawValue)|\(row.feature)"].flatMap {
                        result.value(family, $0, row.aggregation)
                    }
                    if let got, IBSIMatchRule.matches(got, reference: row.value, tolerance: row.tolerance) {
                        matched += 1
                    } else {
                        let note = got == nil ? skipNote(result, row) : nil
                        mismatches.append(IBSICheckReport.Mismatch(row: row, got: got, note: note))
                    }
                }
                tallies.append(
                    IBSICheckReport.Tally(
                        phantom: benchmark.phantom, config: benchmark.config, family: family, matched: matched,
                        total: familyRows.count))
            }
        }
        return IBSICheckReport(benchmarks: tallies, mismatches: mismatches)
    }

    /// Loads a benchmark's bundled phantom and extracts its features.
    public static func extract(_ benchmark: IBSIBenchmark, kernels: ExtractionKernels = .standard) throws
        -> FeatureResult
    {
        let image = try NIfTIFile.read(path: try IBSIReferenceData.path(benchmark.files.image))
        let mask = try NIfTIFile.readMask(path: try IBSIReferenceData.path(benchmark.files.mask))
        return try Extractor.extract(image: image, mask: mask, settings: benchmark.settings, kernels: kernels)
    }

    static func skipNote(_ result: FeatureResult, _ row: IBSIReferenceRow) -> String? {
        result.diagnostics.skipped.first {
            $0.family == row.family
                && ($0.aggregations.isEmpty || row.aggregation.map($0.aggregations.contains) == true)
        }?.reason
    }
}
