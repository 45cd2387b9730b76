import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `add features`, `model`, `score` and `radiogenomics` through the built binary.
struct CLIAnalysisTests {
    static let subjects = (1...40).map { "S\($0 < 10 ? "0" : "")\($0)" }

    static func features(dropFrom: Int = 0) -> String {
        var g = SeededGenerator(seed: 7)
        var text = "subject,diagnostics_Versions," + (0..<30).map { "f\($0)" }.joined(separator: ",") + "\n"
        for (i, s) in subjects.enumerated() where i >= dropFrom {
            let values = (0..<30).map { j in "\(g.nextGaussian() + (j < 2 ? 1.5 * Double(i % 2) : 0))" }
            text += "\(s),v3.0," + values.joined(separator: ",") + "\n"
        }
        return text
    }

    static func clinical(prefix: String = "S") -> String {
        "subject,mvi\n"
            + subjects.enumerated().map { i, s in "\(prefix)\(s.dropFirst()),\(i % 2)" }.joined(separator: "\n") + "\n"
    }

    static func genes() -> String {
        var g = SeededGenerator(seed: 11)
        let latent = subjects.map { _ in g.nextGaussian() }
        var text = "gene," + subjects.joined(separator: ",") + "\n"
        for k in 0..<200 {
            text +=
                "G\(k),"
                + subjects.indices.map { "\(8 + (k < 80 ? latent[$0] : 0) + 0.5 * g.nextGaussian())" }
                .joined(separator: ",") + "\n"
        }
        return text
    }

    @Test func addFeaturesListsDroppedColumns() throws {
        let f = try CLIFixture()
        let r = try f.run(["add", "features", try f.file("pyrad.csv", Array(Self.features().utf8))])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("40 subjects × 30 features"))
        #expect(r.stdout.contains("dropped column diagnostics_Versions"))
        #expect(CLIFixture.lastLine(r.stdout).hasPrefix("sha256:"))
    }

    @Test func modelBadInputsAreNamed() throws {
        let f = try CLIFixture()
        let feats = try f.file("f.csv", Array(Self.features().utf8))
        let params = try f.file("m.yaml", Array("model: {type: logistic}\n".utf8))
        let missing = try f.run([
            "model", "--features", feats, "--clinical", try f.file("c.csv", Array(Self.clinical().utf8)),
            "--outcome", "nope", "--params", params,
        ])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nope"))
        let disjoint = try f.run([
            "model", "--features", feats, "--clinical", try f.file("c2.csv", Array(Self.clinical(prefix: "X").utf8)),
            "--outcome", "mvi", "--params", params,
        ])
        #expect(disjoint.status != 0)
        #expect(disjoint.stderr.contains("S01"), "\(disjoint.stderr)")
    }

    @Test func modelScoreRadiogenomicsCommitReplayIdentical() throws {
        let f = try CLIFixture()
        let model = try f.run([
            "model", "--features", try f.file("f.csv", Array(Self.features().utf8)),
            "--clinical", try f.file("c.csv", Array(Self.clinical().utf8)), "--outcome", "mvi",
            "--params",
            try f.file("m.yaml", Array("seed: 3\nmodel: {type: lassoLogistic, folds: 5, lambdaCount: 20}\n".utf8)),
            "--json",
        ])
        #expect(model.status == 0, "\(model.stderr)")
        let summary = try CLIFixture.json(model.stdout)
        let modelDigest = summary["model"]?.stringValue ?? ""
        #expect(summary["training"]?["binary"]?["auc"]?.doubleValue ?? 0 > 0.5)
        let score = try f.run([
            "score", "--model", modelDigest, "--features", try f.file("f2.csv", Array(Self.features().utf8)),
        ])
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.contains("S40"))
        let rg = try f.run([
            "radiogenomics", "--genes", try f.file("g.csv", Array(Self.genes().utf8)), "--score", modelDigest,
            "--params", try f.file("r.yaml", Array("gsea_permutations: 0\nwgcna: {min_module_size: 10}\n".utf8)),
            "--json",
        ])
        #expect(rg.status == 0, "\(rg.stderr)")
        #expect(try CLIFixture.json(rg.stdout)["power"]?.doubleValue != nil)
        #expect(try f.run(["commit", "-m", "study"]).status == 0)
        let replay = try f.run(["replay", "--all", "--json"])
        #expect(replay.status == 0, "\(replay.stdout) \(replay.stderr)")
        let report = try CLIFixture.json(replay.stdout)
        #expect(report["verdict"] == .string("identical"))
        let kinds = Set((report["runs"]?.arrayValue ?? []).compactMap { $0["kind"]?.stringValue })
        #expect(kinds.isSuperset(of: ["model", "score", "radiogenomics"]))
    }
}
