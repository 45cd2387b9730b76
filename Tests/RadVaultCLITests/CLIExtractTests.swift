import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `radvault extract`, `export features`, `ibsi check` through the built binary.
@Suite struct CLIExtractTests {
    static let params = """
        discretisation:
          texture: {method: fbn, bins: 8}
          intensity_histogram: {method: fbn, bins: 8}
          ivh: {method: fbn, bins: 100}
        """

    /// A small cohort: 12×12×6 int16 images with seeded intensities and an ellipsoid mask.
    static func makeCohort(_ f: CLIFixture, subjects: Int = 4) throws {
        for s in 0..<subjects {
            var image = TinyNIfTI(dimensions: [12, 12, 6])
            image.spacing = [1.5, 1.5, 3]
            let seed = UInt64(s + 1)
            image.value = { i in
                var g = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(i))
                return Int16(g.nextInt(below: 200)) + Int16(i % 12) * 5
            }
            var mask = TinyNIfTI(dimensions: [12, 12, 6])
            mask.spacing = [1.5, 1.5, 3]
            // Distinct masks per subject: the archive refuses the same bytes for two subjects.
            let radius = 3.5 + Double(s % 2)
            let shift = Double(s) * 0.5
            mask.value = { i in
                let x = Double(i % 12) - 5.5 - shift
                let y = Double((i / 12) % 12) - 5.5
                let z = (Double(i / 144) - 2.5) * 2
                return (x * x + y * y + z * z) <= radius * radius ? 1 : 0
            }
            let subject = "P\(s + 1)"
            let img = try image.write(to: f.folder.appendingPathComponent("\(subject)-image.nii"))
            let msk = try mask.write(to: f.folder.appendingPathComponent("\(subject)-mask.nii"))
            #expect(try f.run(["add", "scan", img, "--subject", subject, "--modality", "CT"]).status == 0)
            #expect(try f.run(["add", "mask", msk, "--subject", subject, "--roi", "GTV"]).status == 0)
        }
    }

    func extract(_ f: CLIFixture, jobs: Int, extra: [String] = []) throws -> JSONValue {
        let p = try f.file("params.yaml", Array(Self.params.utf8))
        let r = try f.run(["extract", "--params", p, "--jobs", String(jobs), "--json"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try CLIFixture.json(r.stdout)
    }

    @Test func cohortDigestDoesNotDependOnJobs() throws {
        let one = try CLIFixture()
        let three = try CLIFixture()
        try Self.makeCohort(one)
        try Self.makeCohort(three)
        let a = try extract(one, jobs: 1)
        let b = try extract(three, jobs: 3)
        #expect(a["cohort_features"] != nil)
        #expect(a["cohort_features"] == b["cohort_features"])
        #expect(a["runs"] == b["runs"])
        #expect(a["runs"]?.arrayValue?.count == 4)
        // The same spec again is a cache hit with the same outputs.
        let again = try extract(one, jobs: 2)
        #expect(again["cohort_features"] == a["cohort_features"])
        #expect(again["runs"]?.arrayValue?.allSatisfy { $0["cached"] == .bool(true) } == true)
        // Replay re-executes every run and finds identical outputs.
        let replay = try one.run(["replay", "--all", "--json"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try CLIFixture.json(replay.stdout)["verdict"] == .string("identical"))
    }

    @Test func exportFeaturesWritesAWideCSV() throws {
        let f = try CLIFixture()
        try Self.makeCohort(f, subjects: 2)
        _ = try extract(f, jobs: 1, extra: ["--subject", "P2", "P1"])
        let csv = try f.run(["export", "features", "--csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("subject,"))
        #expect(lines[0].contains("morphology.morph_volume"))
        #expect(lines[1].hasPrefix("P1,") && lines[2].hasPrefix("P2,"))
    }

    @Test func badExtractionInputIsRefusedWithTheKeyNamed() throws {
        let f = try CLIFixture()
        try Self.makeCohort(f, subjects: 1)
        let unknown = try f.file("bad.yaml", Array((Self.params + "\ncolour: red\n").utf8))
        let r = try f.run(["extract", "--params", unknown])
        #expect(r.status == 2)
        #expect(r.stderr.contains("colour"))
        let py = try f.file("py.yaml", Array("setting:\n  binWidth: 25\n  normalize: true\n".utf8))
        let p = try f.run(["extract", "--params", py])
        #expect(p.status == 2)
        #expect(p.stderr.contains("normalize"))
        let missing = try f.run(["extract", "--params", unknown, "--subject", "NOPE"])
        #expect(missing.status == 2)
        let empty = try CLIFixture()
        let params = try empty.file("p.yaml", Array(Self.params.utf8))
        let none = try empty.run(["extract", "--params", params])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no scan+mask pairs"))
    }

    @Test func ibsiCheckMatchesEveryReferenceValueAndIsRecorded() throws {
        let f = try CLIFixture()
        let r = try f.run(["ibsi", "check", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try CLIFixture.json(r.stdout)
        #expect(report["total"] == .int(1803))
        #expect(report["matched"] == .int(1803))
        let runs = try f.run(["audit", "--json"])
        #expect(runs.stdout.contains("run.record"))
    }
}
