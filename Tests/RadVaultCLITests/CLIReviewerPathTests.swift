import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import ArchiveStore

/// The journal reviewer's path through the built binary, with every real executor: a lab
/// extracts, models and runs radiogenomics, signs a bundle; the reviewer opens it elsewhere and
/// replays everything (issue 7), then the same study is tampered with.
@Suite struct CLIReviewerPathTests {
    static let subjectCount = 16

    /// Subjects P01…P16; odd subjects are "positive" and have brighter tumours, so the L1
    /// model has something to select.
    static func subject(_ s: Int) -> String { "P" + (s < 9 ? "0" : "") + "\(s + 1)" }

    /// Adds 16 small CT-like scans (int16 12×12×6) with ellipsoid masks at different centres.
    static func addCohort(_ f: CLIFixture) throws {
        for s in 0..<subjectCount {
            var image = TinyNIfTI(dimensions: [12, 12, 6])
            image.spacing = [1.5, 1.5, 3]
            let seed = UInt64(s + 101)
            let bright = Int16(s % 2 == 1 ? 60 : 0)
            image.value = { i in
                var g = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(i))
                return Int16(g.nextInt(below: 150)) + Int16(i % 12) * 4 + bright
            }
            var mask = TinyNIfTI(dimensions: [12, 12, 6])
            mask.spacing = [1.5, 1.5, 3]
            // Distinct masks (the archive refuses the same bytes for two subjects): the centre
            // moves on a 4×4 grid of half-voxel steps.
            let radius = 3.6
            let cx = 4.75 + 0.5 * Double(s % 4)
            let cy = 4.75 + 0.5 * Double(s / 4)
            mask.value = { i in
                let x = Double(i % 12) - cx
                let y = Double((i / 12) % 12) - cy
                let z = (Double(i / 144) - 2.5) * 2
                return (x * x + y * y + z * z) <= radius * radius ? 1 : 0
            }
            let id = subject(s)
            let img = try image.write(to: f.folder.appendingPathComponent("\(id)-image.nii"))
            let msk = try mask.write(to: f.folder.appendingPathComponent("\(id)-mask.nii"))
            #expect(try f.run(["add", "scan", img, "--subject", id, "--modality", "CT"]).status == 0)
            #expect(try f.run(["add", "mask", msk, "--subject", id, "--roi", "GTV"]).status == 0)
        }
    }

    static func clinical() -> String {
        "subject,mvi\n" + (0..<subjectCount).map { "\(subject($0)),\($0 % 2)" }.joined(separator: "\n") + "\n"
    }

    /// 60 genes × 16 samples: two planted modules driven by latent factors, one tied to the outcome.
    static func genes() -> String {
        var g = SeededGenerator(seed: 29)
        let latentA = (0..<subjectCount).map { Double($0 % 2) + 0.4 * g.nextGaussian() }
        let latentB = (0..<subjectCount).map { _ in g.nextGaussian() }
        var text = "gene," + (0..<subjectCount).map(subject).joined(separator: ",") + "\n"
        for k in 0..<60 {
            let values = (0..<subjectCount).map { s in
                let signal = k < 25 ? 2 * latentA[s] : k < 45 ? 2 * latentB[s] : 0
                return "\(7 + signal + 0.5 * g.nextGaussian())"
            }
            text += "G\(k)," + values.joined(separator: ",") + "\n"
        }
        return text
    }

    static func genesets() -> String {
        "SET_A\tplanted A\t" + (0..<25).map { "G\($0)" }.joined(separator: "\t") + "\n"
            + "SET_B\tplanted B\t" + (25..<45).map { "G\($0)" }.joined(separator: "\t") + "\n"
    }

    /// The lab's study: extract (2 jobs), model, radiogenomics, commit. Returns the model digest.
    @discardableResult
    static func makeStudy(_ f: CLIFixture) throws -> String {
        try addCohort(f)
        let params = try f.file("params.yaml", Array(CLIExtractTests.params.utf8))
        let extract = try f.run(["extract", "--params", params, "--jobs", "2", "--json"])
        try #require(extract.status == 0, "\(extract.stderr)")
        let cohort = try #require(try CLIFixture.json(extract.stdout)["cohort_features"]?.stringValue)
        let model = try f.run([
            "model", "--features", cohort, "--clinical", try f.file("clinical.csv", Array(clinical().utf8)),
            "--outcome", "mvi", "--params",
            try f.file("model.yaml", Array("seed: 5\nmodel: {type: lassoLogistic, folds: 4, lambdaCount: 20}\n".utf8)),
            "--json",
        ])
        try #require(model.status == 0, "\(model.stderr)")
        let rg = try f.run([
            "radiogenomics", "--genes", try f.file("genes.csv", Array(genes().utf8)), "--features", cohort,
            "--genesets", try f.file("sets.gmt", Array(genesets().utf8)), "--params",
            try f.file("rg.yaml", Array("gsea_permutations: 0\nwgcna: {min_module_size: 8}\n".utf8)), "--json",
        ])
        try #require(rg.status == 0, "\(rg.stderr)")
        try #require(try f.run(["commit", "-m", "study", "--tag", "submitted"]).status == 0)
        return try #require(try CLIFixture.json(model.stdout)["model"]?.stringValue)
    }

    /// Runs `radvault replay` with extra arguments and parses its JSON report.
    static func replay(_ archive: URL, _ extra: [String]) throws -> (status: Int32, report: JSONValue) {
        let r = try TestSupport.radvault(["replay", "--json"] + extra, archive: archive)
        return (r.status, try CLIFixture.json(r.stdout))
    }

    @Test func reviewerOpensTheSignedBundleElsewhereAndReplaysIdentically() throws {
        let lab = try CLIFixture()
        try Self.makeStudy(lab)
        let key = lab.folder.appendingPathComponent("lab.key").path
        #expect(try lab.run(["keygen", "--out", key]).status == 0)
        let bundle = lab.folder.appendingPathComponent("study.rvb").path
        let created = try lab.run(["bundle", "create", bundle, "--rev", "submitted", "--sign", key])
        try #require(created.status == 0, "\(created.stderr)")

        // The reviewer's machine: a different folder, only the bundle and the public key.
        let reviewer = try TestSupport.temporaryDirectory("radvault-reviewer")
        defer { try? FileManager.default.removeItem(at: reviewer) }
        let dest = reviewer.appendingPathComponent("study")
        let opened = try TestSupport.radvault(["bundle", "open", bundle, dest.path, "--trust", key + ".pub"])
        try #require(opened.status == 0, "\(opened.stderr)")
        #expect(try TestSupport.radvault(["verify"], archive: dest).status == 0)

        let (status, report) = try Self.replay(dest, ["--all"])
        #expect(status == 0)
        #expect(report["verdict"] == .string("identical"), "\(report)")
        let runs = report["runs"]?.arrayValue ?? []
        let kinds = runs.compactMap { $0["kind"]?.stringValue }
        #expect(kinds.filter { $0 == "extract" }.count == Self.subjectCount)
        #expect(Set(kinds).isSuperset(of: ["extract", "model", "radiogenomics"]))
        #expect(runs.allSatisfy { $0["verdict"] == .string("identical") })

        // Determinism: other worker and BLAS thread counts give the same verdict for every run.
        for extra in [
            ["--all", "--jobs", "3"], ["--all", "--jobs", "2", "--blas-threads", "2"], ["--rev", "submitted"],
        ] {
            let (s, again) = try Self.replay(dest, extra)
            #expect(s == 0, "\(extra)")
            #expect(again["verdict"] == .string("identical"), "\(extra): \(again)")
            #expect(again["runs"]?.arrayValue?.count == runs.count, "\(extra)")
        }
        let audit = try CLIFixture.json(try TestSupport.radvault(["audit", "--json"], archive: dest).stdout)
        let replays = (audit.arrayValue ?? []).filter { $0["action"] == .string("replay") }
        #expect(replays.count == 4)
    }

    @Test func tamperedOutputsAndDeletedInputsAreNamed() throws {
        let f = try CLIFixture()
        try Self.makeStudy(f)
        let archive = try Archive.open(at: f.archive.path, agent: "mallory")
        let catalog = try #require(archive.catalog as? SQLiteCatalog)
        let runs = try archive.runs()
        let extract = try #require(runs.first { $0.kind == "extract" })
        let model = try #require(runs.first { $0.kind == "model" })

        // A crafted per-subject feature table with one value changed, catalogued in place of the real one.
        let output = try #require(extract.outputs.first)
        var doc = try CanonicalJSON.parse(try archive.read(output.digest))
        guard case .object(var top) = doc, case .object(var features)? = top["features"] else {
            Issue.record("extract output is not {features: {...}}")
            return
        }
        let name = try #require(features.keys.sorted().first { $0.hasSuffix("stat_mean") })
        let value = try #require(features[name]?.doubleValue)
        features[name] = .number(value + 0.5)
        top["features"] = .object(features)
        doc = .object(top)
        let crafted = try archive.put(bytes: CanonicalJSON.bytes(doc), kind: .features, name: "crafted.json")
        try catalog.executeUnaudited(
            """
            UPDATE run_output SET artifact_id = (SELECT id FROM artifact WHERE digest = '\(crafted.digest)')
            WHERE role = '\(output.role)' AND run_id = (SELECT id FROM run WHERE spec_digest = '\(extract.id)')
            """)
        let (status, report) = try Self.replay(f.archive, [extract.id.description])
        #expect(status == 1)
        #expect(report["verdict"] == .string("different"))
        let first = report["runs"]?.arrayValue?.first?["differences"]?.arrayValue?.first
        #expect(first?["path"]?.stringValue?.contains(name) == true, "\(report)")

        // A deleted input blob (the model's feature table) makes the model run unreplayable, naming it.
        let input = try #require(model.inputs.first { $0.role == "features" })
        try FileManager.default.removeItem(
            at: archive.root.appendingPathComponent(BundleIndex.objectPath(input.digest)))
        let (missingStatus, missing) = try Self.replay(f.archive, [model.id.description])
        #expect(missingStatus == 2)
        #expect(missing["verdict"] == .string("unreplayable"))
        let problem = missing["runs"]?.arrayValue?.first?["differences"]?.arrayValue?.first
        #expect(problem?["path"]?.stringValue == input.digest.description, "\(missing)")

        // An edited audit row breaks the chain and `verify` names it.
        try catalog.executeUnaudited("UPDATE audit SET agent = 'mallory' WHERE seq = 3")
        let verify = try f.run(["verify"])
        #expect(verify.status != 0)
        #expect(verify.stdout.contains("audit seq 3"), "\(verify.stdout)")
    }
}
