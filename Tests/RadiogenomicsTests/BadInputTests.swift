import Foundation
import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// Each bad input gives a clear error or warning; the text is asserted.
@Suite struct BadInputTests {
    /// A genes × samples CSV with `genes` random genes over `samples` samples named S1…
    static func expressionCSV(genes: Int, samples: Int, seed: UInt64 = 7, prefix: String = "S") -> String {
        var rng = SeededGenerator(seed: seed)
        var text = "gene," + (1...samples).map { "\(prefix)\($0)" }.joined(separator: ",") + "\n"
        for g in 0..<genes {
            text +=
                "GENE\(g)," + (0..<samples).map { _ in String(rng.nextGaussian() + 8) }.joined(separator: ",") + "\n"
        }
        return text
    }

    static func traitsCSV(samples: Int, prefix: String = "S", seed: UInt64 = 9) -> String {
        var rng = SeededGenerator(seed: seed)
        var text = "subject,radscore\n"
        for s in 1...samples { text += "\(prefix)\(s),\(rng.nextGaussian())\n" }
        return text
    }

    static func settings() -> RadiogenomicsSettings {
        var s = RadiogenomicsSettings()
        s.wgcnaEnabled = false
        return s
    }

    static func run(_ expr: String, _ traits: String, settings: RadiogenomicsSettings = settings()) throws
        -> RadiogenomicsResult
    {
        let g = try ExpressionTable.parse(Array(expr.utf8), source: "genes.csv")
        let t = try TraitTable.parse(Array(traits.utf8), source: "features.csv")
        return try RadiogenomicsPipeline.run(genes: g, traits: t, genesets: nil, settings: settings)
    }

    @Test func nonOverlappingSampleIDs() throws {
        let error = #expect(throws: RadVaultError.self) {
            try Self.run(Self.expressionCSV(genes: 30, samples: 20), Self.traitsCSV(samples: 20, prefix: "P"))
        }
        #expect(error?.code == .invalidInput)
        #expect(
            error?.message
                == "no sample IDs in common between the features table (20 subjects, e.g. P1, P2, P3) and the "
                + "expression table (20 samples, e.g. S1, S2, S3); expected the same subject identifiers in both")
    }

    @Test func partialOverlapIsAWarningWithCounts() throws {
        let r = try Self.run(Self.expressionCSV(genes: 30, samples: 22), Self.traitsCSV(samples: 20))
        #expect(
            r.warnings.contains(
                "20 samples in common; dropped 2 expression-only samples (e.g. S21, S22) and 0 feature-only subjects"))
        #expect(r.correlations.samples == 20)
    }

    @Test func duplicateGeneSymbolsAreCollapsedByMeanWithAWarning() throws {
        var csv = Self.expressionCSV(genes: 30, samples: 20)
        csv += "GENE3," + (1...20).map { String(Double($0)) }.joined(separator: ",") + "\n"
        let table = try ExpressionTable.parse(Array(csv.utf8), source: "genes.csv")
        #expect(table.genes.count == 30)
        #expect(table.warnings == ["genes.csv: 1 duplicate gene symbols collapsed by mean: GENE3 (×2)"])
        let original = try ExpressionTable.parse(
            Array(Self.expressionCSV(genes: 30, samples: 20).utf8), source: "g.csv")
        #expect(table.values[4, 3] == (original.values[4, 3] + 5) / 2)
    }

    @Test func duplicateGeneSymbolsRejectedWhenAsked() throws {
        var csv = Self.expressionCSV(genes: 30, samples: 20)
        csv += "GENE3," + (1...20).map { String(Double($0)) }.joined(separator: ",") + "\n"
        let error = #expect(throws: RadVaultError.self) {
            try ExpressionTable.parse(
                Array(csv.utf8), source: "genes.csv", options: ExpressionReadOptions(duplicatePolicy: .reject))
        }
        #expect(
            error?.message
                == "genes.csv: 1 duplicate gene symbols: GENE3 (×2); expected unique symbols (or duplicate_policy: collapse_mean)"
        )
    }

    @Test func missingValuesAreCountedAndReported() throws {
        var lines = Self.expressionCSV(genes: 30, samples: 20).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: ",", with: ",NA,", options: [], range: nil)
            .split(separator: ",", omittingEmptySubsequences: false).prefix(21).joined(separator: ",")
        var cells = lines[5].split(separator: ",").map(String.init)
        cells[3] = ""
        lines[5] = cells.joined(separator: ",")
        let csv = lines.joined(separator: "\n") + "\n"
        let table = try ExpressionTable.parse(Array(csv.utf8), source: "genes.csv")
        let r = try Self.run(csv, Self.traitsCSV(samples: 20))
        #expect(table.missingCount >= 2)
        #expect(
            r.warnings.contains(
                "\(table.missingCount) missing expression values: correlations use pairwise-complete observations "
                    + "(R's use = \"p\"); eigengenes use k-NN imputation (impute.knn, k = 10)"))
    }

    @Test func constantGenesAreRemovedWithAWarning() throws {
        var csv = Self.expressionCSV(genes: 30, samples: 20)
        csv += "FLAT1," + Array(repeating: "3.5", count: 20).joined(separator: ",") + "\n"
        let r = try Self.run(csv, Self.traitsCSV(samples: 20))
        #expect(
            r.warnings.contains(
                "1 genes removed as goodSamplesGenes does (1 constant, 0 missing in too many samples), e.g. FLAT1"))
        #expect(r.correlations.genes == 30)
    }

    @Test func fewerThan15SamplesWarns() throws {
        let r = try Self.run(Self.expressionCSV(genes: 30, samples: 12), Self.traitsCSV(samples: 12))
        #expect(
            r.warnings.contains(
                "only 12 samples: WGCNA is not recommended with fewer than 15 samples (WGCNA FAQ); results will be noisy"
            ))
    }

    @Test func gmtLineWithoutGenes() throws {
        let gmt = "SET_A\tdesc\tTP53\tEGFR\nSET_B\tno genes here\n"
        let error = #expect(throws: RadVaultError.self) { try GeneSet.parseGMT(Array(gmt.utf8), source: "sets.gmt") }
        #expect(
            error?.message
                == "sets.gmt: line 2 (gene set \"SET_B\") has no genes; expected name, description and at least one "
                + "gene, separated by tabs")
    }

    @Test func gmtParses() throws {
        let sets = try GeneSet.parseGMT(Array("A\td\tX\tY\tX\r\n\nB\t\tZ\n".utf8), source: "s.gmt")
        #expect(
            sets == [
                GeneSet(name: "A", description: "d", genes: ["X", "Y"]),
                GeneSet(name: "B", description: "", genes: ["Z"]),
            ])
    }

    @Test func featureTablePassedAsGenes() throws {
        var text = "subject,original_firstorder_Mean,original_glcm_Contrast,original_shape_Sphericity\n"
        for s in 1...40 { text += "P\(s),\(s),\(s * 2),0.\(s)\n" }
        let error = #expect(throws: RadVaultError.self) {
            try ExpressionTable.parse(Array(text.utf8), source: "features.csv")
        }
        #expect(
            error?.message
                == "features.csv: this looks like a radiomic feature table, not gene expression: 3 of 3 column "
                + "names look like feature names (e.g. original_firstorder_Mean, original_glcm_Contrast, "
                + "original_shape_Sphericity); pass it as the features/traits table")
    }

    @Test func tooFewGenesIsExplained() throws {
        let error = #expect(throws: RadVaultError.self) {
            try ExpressionTable.parse(
                Array(Self.expressionCSV(genes: 5, samples: 30).utf8), source: "g.csv",
                options: ExpressionReadOptions(orientation: .genesBySamples))
        }
        #expect(
            error?.message.hasPrefix("g.csv: only 5 genes for 30 samples; an expression table needs at least 20 genes")
                == true)
    }

    @Test func orientationIsDetectedAndOverridable() throws {
        let csv = Self.expressionCSV(genes: 40, samples: 20)
        let auto = try ExpressionTable.parse(Array(csv.utf8), source: "g.csv")
        #expect(auto.genes.count == 40 && auto.samples.count == 20)
        var transposed = "sample," + auto.genes.joined(separator: ",") + "\n"
        for (i, s) in auto.samples.enumerated() {
            transposed += s + "," + auto.values.row(i).map { String($0) }.joined(separator: ",") + "\n"
        }
        let t = try ExpressionTable.parse(
            Array(transposed.utf8), source: "t.csv", options: ExpressionReadOptions(orientation: .samplesByGenes))
        #expect(t.genes == auto.genes && t.values == auto.values)
        let l = try ExpressionTable.parse(
            Array(csv.utf8), source: "g.csv", options: ExpressionReadOptions(log2Transform: true))
        #expect(abs(l.values[0, 0] - Foundation.log2(auto.values[0, 0] + 1)) < 1e-15)
    }

    @Test func notANumberNamesTheCell() throws {
        let csv = Self.expressionCSV(genes: 25, samples: 2) + "A,1,x\n"
        let error = #expect(throws: RadVaultError.self) { try ExpressionTable.parse(Array(csv.utf8), source: "g.csv") }
        #expect(
            error?.message == "g.csv: line 27, column \"S2\": \"x\" is not a number (expected a finite number or NA)")
    }
}
