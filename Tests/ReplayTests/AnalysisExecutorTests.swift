import Foundation
import Modeling
import RadVaultCore
import Replay
import Testing

/// Seeded synthetic cohort data shared by the executor tests.
enum SyntheticStudy {
    static let subjects = (1...40).map { "S\($0 < 10 ? "0" : "")\($0)" }

    /// 40 subjects × 30 features; features 0 and 1 carry the outcome signal.
    static func featuresCSV(seed: UInt64 = 7) -> String {
        var g = SeededGenerator(seed: seed)
        var rows: [[String]] = []
        for (i, s) in subjects.enumerated() {
            let y = Double(i % 2)
            var row = [s]
            for j in 0..<30 {
                let signal = j < 2 ? 1.5 * y : 0
                row.append("\(g.nextGaussian() + signal)")
            }
            rows.append(row)
        }
        return DelimitedTable.csv(header: ["subject"] + (0..<30).map { "feat_\($0 < 10 ? "0" : "")\($0)" }, rows: rows)
    }

    /// Binary outcome `mvi`, and `time`/`event`.
    static func clinicalCSV() -> String {
        let rows = subjects.enumerated().map { i, s in
            [s, "\(i % 2)", "\(10 + (i * 7) % 23)", "\(i % 3 == 0 ? 0 : 1)"]
        }
        return DelimitedTable.csv(header: ["subject", "mvi", "time", "event"], rows: rows)
    }

    /// ~200 genes × 40 samples with two planted modules driven by feat-like latent factors.
    static func genesCSV(seed: UInt64 = 11) -> String {
        var g = SeededGenerator(seed: seed)
        let a = subjects.map { _ in g.nextGaussian() }
        let b = subjects.map { _ in g.nextGaussian() }
        var rows: [[String]] = []
        for k in 0..<200 {
            let row = subjects.indices.map { i -> String in
                let base = k < 60 ? a[i] : (k < 120 ? b[i] : 0)
                return "\(8 + base + 0.5 * g.nextGaussian())"
            }
            rows.append(["G\(k)"] + row)
        }
        return DelimitedTable.csv(header: ["gene"] + subjects, rows: rows)
    }

    static func gmt() -> String {
        "SET_A\tplanted a\t" + (0..<30).map { "G\($0)" }.joined(separator: "\t") + "\n"
            + "SET_B\tplanted b\t" + (60..<90).map { "G\($0)" }.joined(separator: "\t") + "\n"
    }

    static let modelYAML = "seed: 3\nmodel: {type: lassoLogistic, folds: 5, lambdaCount: 20}\n"
    static let radiogenomicsYAML = "gsea_permutations: 0\nwgcna: {min_module_size: 10}\n"
}

struct AnalysisExecutorTests {
    static func modelInputs() -> [String: Data] {
        ["features": Data(SyntheticStudy.featuresCSV().utf8), "clinical": Data(SyntheticStudy.clinicalCSV().utf8)]
    }

    static func modelParams(_ outcome: String = "mvi") throws -> Data {
        let settings = try ModelSettings.fromYAML(SyntheticStudy.modelYAML)
        return Data(
            try ModelParams(settings: settings, outcome: .binary(column: outcome), allowPartial: false).canonicalBytes()
        )
    }

    @Test func modelExecutorIsDeterministicAndDeclaresDecisions() throws {
        let e = ModelExecutor()
        let a = try e.execute(inputs: Self.modelInputs(), params: try Self.modelParams())
        let b = try e.execute(inputs: Self.modelInputs(), params: try Self.modelParams())
        #expect(a == b)
        #expect(Set(a.keys) == ["model", "result", "decisions"])
        #expect(e.tolerance == Tolerance(absolute: 1e-10, relative: 1e-8))
        #expect(e.decisions.map(\.name) == ["lasso_selected", "filtered_out", "risk_group"])
        let decisions = try CanonicalJSON.parse(a["decisions"] ?? Data())
        let selected = decisions["selected"]?.objectValue ?? [:]
        #expect(selected.keys.contains("feat_00") || selected.keys.contains("feat_01"))
    }

    @Test func modelExecutorNamesAMissingOutcomeColumn() throws {
        #expect(throws: RadVaultError.self) {
            _ = try ModelExecutor().execute(inputs: Self.modelInputs(), params: try Self.modelParams("nope"))
        }
        do {
            _ = try ModelExecutor().execute(inputs: Self.modelInputs(), params: try Self.modelParams("nope"))
        } catch let error as RadVaultError {
            #expect(error.message.contains("nope"))
        }
    }

    @Test func scoreAndRadiogenomicsExecutorsAreDeterministic() throws {
        let fitted = try ModelExecutor().execute(inputs: Self.modelInputs(), params: try Self.modelParams())
        let scoreInputs = ["model": fitted["model"] ?? Data(), "features": Self.modelInputs()["features"] ?? Data()]
        let scores = try ScoreExecutor().execute(inputs: scoreInputs, params: Data())
        #expect(try ScoreExecutor().execute(inputs: scoreInputs, params: Data()) == scores)
        #expect(try ScoreExecutor.parse(scores["scores"] ?? Data()).count == 40)
        let rg = RadiogenomicsExecutor()
        let inputs = [
            "genes": Data(SyntheticStudy.genesCSV().utf8), "scores": scores["scores"] ?? Data(),
            "genesets": Data(SyntheticStudy.gmt().utf8),
        ]
        let params = Data(SyntheticStudy.radiogenomicsYAML.utf8)
        let a = try rg.execute(inputs: inputs, params: params)
        let b = try rg.execute(inputs: inputs, params: params)
        #expect(a == b)
        #expect(a.keys.contains("modules") && a.keys.contains("decisions") && a.keys.contains("correlations"))
        #expect(rg.decisions.map(\.name) == ["fdr_significant", "hub_gene", "top_hub", "module"])
        let modules = try CanonicalJSON.parse(a["decisions"] ?? Data())["modules"]?.objectValue ?? [:]
        #expect(modules.count == 200)
    }

    @Test func tamperedCoefficientIsDifferentNamingTheFeature() throws {
        let e = ModelExecutor()
        let out = try e.execute(inputs: Self.modelInputs(), params: try Self.modelParams())
        let recorded = try CanonicalJSON.parse(out["decisions"] ?? Data())
        guard case .object(var doc) = recorded, case .object(var selected)? = doc["selected"],
            let name = selected.keys.sorted().first, let c = selected[name]?.doubleValue
        else {
            Issue.record("no selected feature to tamper")
            return
        }
        selected[name] = .number(c + 0.5)
        doc["selected"] = .object(selected)
        let crafted = Data(CanonicalJSON.bytes(.object(doc)))
        let comparison = OutputComparator.compare(
            output: "decisions", recorded: crafted, replayed: out["decisions"] ?? Data(), tolerance: e.tolerance)
        #expect(comparison.verdict == .different)
        #expect(comparison.differences.first?.path.contains(name) == true)
    }

    @Test func tamperedModelCoefficientNamesTheFeature() throws {
        let e = ModelExecutor()
        let out = try e.execute(inputs: Self.modelInputs(), params: try Self.modelParams())
        guard case .object(var doc) = try CanonicalJSON.parse(out["model"] ?? Data()),
            var terms = doc["terms"]?.arrayValue, case .object(var term)? = terms.last,
            let name = term["feature"]?.stringValue, let c = term["coefficient"]?.doubleValue
        else {
            Issue.record("model output has no terms")
            return
        }
        term["coefficient"] = .number(c * 1.01)
        terms[terms.count - 1] = .object(term)
        doc["terms"] = .array(terms)
        let comparison = OutputComparator.compare(
            output: "model", recorded: Data(CanonicalJSON.bytes(.object(doc))), replayed: out["model"] ?? Data(),
            tolerance: e.tolerance)
        #expect(comparison.verdict == .different)
        #expect(comparison.differences.first?.path == "terms[\(name)].coefficient")
    }
}
