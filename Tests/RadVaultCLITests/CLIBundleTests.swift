import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `bundle` and `keygen` through the built binary: errors are one `error:` line and exit 2;
/// a bundle of an earlier revision opens into an archive that verifies.
@Suite struct CLIBundleTests {
    /// Runs radvault and expects exit 2 with a single `error:` line containing `message`.
    static func expectError(_ f: CLIFixture, _ arguments: [String], _ message: String) throws {
        let r = try f.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: "), "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(arguments): \(r.stderr)")
    }

    @Test func bundleAndKeygenErrorsAreOneLineWithExitStatus2() throws {
        let f = try CLIFixture()
        let missing = f.folder.appendingPathComponent("none.rvb").path
        try Self.expectError(
            f, ["bundle", "open", missing, f.folder.appendingPathComponent("d").path],
            "bundle '\(missing)': cannot be read, expected an existing .rvb file")
        let junk = try f.file("junk.rvb", Array("not a bundle at all, not even close".utf8))
        try Self.expectError(
            f, ["bundle", "open", junk, f.folder.appendingPathComponent("d").path], "expected the magic 'RVBUNDLE'")
        let noFolder = f.folder.appendingPathComponent("no/such/folder")
        try Self.expectError(
            f, ["bundle", "create", noFolder.appendingPathComponent("x.rvb").path],
            "cannot write '\(noFolder.path)/x.rvb': its folder is missing or not writable")
        try Self.expectError(
            f, ["keygen", "--out", noFolder.appendingPathComponent("k").path],
            "cannot be created (No such file or directory)")
        let key = f.folder.appendingPathComponent("k").path
        #expect(try f.run(["keygen", "--out", key]).status == 0)
        try Self.expectError(f, ["keygen", "--out", key], "already exists; refusing to overwrite a key")
        let bundle = f.folder.appendingPathComponent("s.rvb").path
        #expect(try f.run(["bundle", "create", bundle]).status == 0)
        try Self.expectError(
            f, ["bundle", "open", bundle, f.folder.appendingPathComponent("d").path, "--trust", key + ".pub"],
            "not signed, but a trusted key was given (--trust)")
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("d").path))
    }

    @Test func openHelpStatesTheLimits() throws {
        // The help is wrapped at 80 columns: compare with single spaces.
        let help = try TestSupport.radvault(["bundle", "open", "--help"]).stdout
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for limit in [
            "index <= 64 MiB", "<= 1,000,000", "one entry <= 64 GiB", "catalog.json <= 256 MiB",
            "expansion ratio (size / stored size) <= 1",
        ] {
            #expect(help.contains(limit), "\(limit): \(help)")
        }
    }

    @Test func aBundleOfAnEarlierRevisionVerifiesWhereItIsOpened() throws {
        let f = try CLIFixture()
        let clinical = try f.file("c.csv", Array("subject,mvi\nP01,1\nP02,0\n".utf8))
        #expect(try f.run(["add", "clinical", clinical]).status == 0)
        #expect(try f.run(["commit", "-m", "one", "--tag", "v1"]).status == 0)
        let genes = try f.file("g.csv", Array("gene,P01,P02\nG1,1,2\n".utf8))
        #expect(try f.run(["add", "genes", genes]).status == 0)
        #expect(try f.run(["commit", "-m", "two", "--tag", "v2"]).status == 0)
        let bundle = f.folder.appendingPathComponent("v1.rvb").path
        #expect(try f.run(["bundle", "create", bundle, "--rev", "v1"]).status == 0)
        let dest = f.folder.appendingPathComponent("review")
        let opened = try TestSupport.radvault(["bundle", "open", bundle, dest.path])
        try #require(opened.status == 0, "\(opened.stderr)")
        let verify = try TestSupport.radvault(["verify"], archive: dest)
        #expect(verify.status == 0, "\(verify.stdout)")
        let log = try TestSupport.radvault(["log"], archive: dest)
        #expect(log.stdout.contains("(tag: v1)") && !log.stdout.contains("v2"), "\(log.stdout)")
    }
}
