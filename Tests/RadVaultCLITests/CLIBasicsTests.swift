import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

@Suite struct CLIBasicsTests {
    @Test func helpListsEveryCommand() throws {
        let result = try TestSupport.radvault(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: radvault <subcommand>"))
        for command in ["init", "add", "ls", "show", "cat", "verify", "commit", "log", "diff", "audit"] {
            #expect(result.stdout.contains("\n  \(command) "), "help lacks \(command)")
        }
        let add = try TestSupport.radvault(["add", "--help"])
        for kind in ["scan", "mask", "params", "clinical", "genes", "genesets"] {
            #expect(add.stdout.contains("\n  \(kind) "), "add help lacks \(kind)")
        }
    }

    @Test func usageErrorsExitTwo() throws {
        let unknown = try TestSupport.radvault(["frobnicate"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Unexpected argument 'frobnicate'"))
        let missing = try TestSupport.radvault(["add", "scan"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument '<file>'"))
    }

    @Test func noArchiveFound() throws {
        let empty = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let result = try TestSupport.radvault(["ls"], cwd: empty)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: no RadVault archive found in "))
        #expect(
            result.stderr.contains("expected --archive PATH, RADVAULT_ARCHIVE, or a folder made by 'radvault init'"))
        let explicit = try TestSupport.radvault(["ls", "--archive", empty.path])
        #expect(explicit.status == 2)
        #expect(explicit.stderr.hasPrefix("error: \(empty.path): not a RadVault archive"))
    }

    @Test func archiveIsFoundFromASubfolder() throws {
        let f = try CLIFixture()
        let params = try f.file("p.json", Array("{\"a\":1}".utf8))
        #expect(try f.run(["add", "params", params]).status == 0)
        let inside = f.archive.appendingPathComponent("objects")
        let result = try TestSupport.radvault(["ls", "--json"], cwd: inside)
        #expect(result.status == 0)
        #expect(try CLIFixture.json(result.stdout).arrayValue?.count == 1)
    }

    @Test func labAndComplianceTour() throws {
        let f = try CLIFixture()
        let scanPath = try TinyNIfTI(dimensions: [4, 3, 2]).write(to: f.folder.appendingPathComponent("ct.nii"))
        var mask = TinyNIfTI(dimensions: [4, 3, 2])
        mask.value = { $0 % 2 == 0 ? 1 : 0 }
        let maskPath = try mask.write(to: f.folder.appendingPathComponent("gtv.nii"))
        let scan = try f.run(["add", "scan", scanPath, "--subject", "P1", "--modality", "CT"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let scanDigest = CLIFixture.lastLine(scan.stdout)
        #expect(scanDigest == Digest.of(TinyNIfTI(dimensions: [4, 3, 2]).bytes()).description)
        let maskResult = try f.run(["add", "mask", maskPath, "--subject", "P1", "--roi", "GTV"])
        #expect(maskResult.status == 0, "\(maskResult.stderr)")
        let show = try f.run(["show", String(scanDigest.dropFirst(7).prefix(10)), "--json"])
        let record = try CLIFixture.json(show.stdout)
        #expect(record["dimensions"] == .array([.int(4), .int(3), .int(2)]))
        #expect(record["spacing"]?.arrayValue?.compactMap(\.doubleValue) == [1, 1, 1])
        #expect(record["voxel_digest"]?.stringValue?.hasPrefix("sha256:") == true)
        #expect(record["metadata"]?["modality"] == .string("CT"))
        let text = try f.run(["show", scanDigest])
        #expect(text.stdout.contains("voxel_digest"))
        let paramsText = "bin_width: 25\nresampling: [1, 1, 1]\n"
        let params = CLIFixture.lastLine(
            try f.run(["add", "params", try f.file("p.yaml", Array(paramsText.utf8))]).stdout)
        #expect(try f.run(["cat", String(params.dropFirst(7).prefix(8))]).stdout == paramsText)
        #expect(try f.run(["commit", "-m", "cohort v1", "--tag", "v1"]).status == 0)
        let log = try CLIFixture.json(try f.run(["log", "--json"]).stdout)
        #expect(log.arrayValue?.first?["tags"] == .array([.string("v1")]))
        #expect(log.arrayValue?.first?["author"] == .string("tester"))
        let verify = try f.run(["verify", "--json"])
        #expect(verify.status == 0)
        #expect(try CLIFixture.json(verify.stdout) == .object(["ok": .bool(true), "problems": .array([])]))
        let audit = try CLIFixture.json(try f.run(["audit", "--json"]).stdout)
        #expect(
            audit.arrayValue?.compactMap { $0["action"]?.stringValue }
                == [
                    "archive.init", "artifact.add", "artifact.add", "artifact.add", "manifest.commit",
                    "audit.checkpoint",
                ])
    }

    @Test func diffShowsChangesPerSubject() throws {
        let f = try CLIFixture()
        let one = try f.file("clinical.csv", Array("id,y\nP1,0\n".utf8))
        #expect(try f.run(["add", "clinical", one]).status == 0)
        #expect(try f.run(["commit", "-m", "v1", "--tag", "v1"]).status == 0)
        try Data("id,y\nP1,1\n".utf8).write(to: URL(fileURLWithPath: one))
        #expect(try f.run(["add", "clinical", one]).status == 0)
        #expect(try f.run(["commit", "-m", "v2"]).status == 0)
        let diff = try f.run(["diff", "v1", "HEAD"])
        #expect(diff.status == 0)
        #expect(diff.stdout.hasPrefix("(cohort):\n  ~ clinical clinical.csv "))
        let same = try f.run(["diff", "v1", "v1"])
        #expect(same.stdout == "no differences between v1 and v1\n")
    }
}
