import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// `radvault replay` with nothing to replay or a bad selection: a clear error and exit status 2,
/// never a vacuous `identical` with status 0.
@Suite struct CLIReplaySelectionTests {
    @Test func nothingToReplayExitsTwoWithAClearError() throws {
        let f = try CLIFixture()
        let all = try f.run(["replay", "--all", "--json"])
        #expect(all.status == 2, "\(all.stdout)")
        #expect(all.stdout.isEmpty)
        #expect(
            all.stderr.contains("replay --all: the archive at ") && all.stderr.contains("has no recorded runs"),
            "\(all.stderr)")
        let params = try f.file("params.json", Array("{\"bin_width\":25}\n".utf8))
        #expect(try f.run(["add", "params", params]).status == 0)
        #expect(try f.run(["commit", "-m", "params only", "--tag", "v0"]).status == 0)
        let rev = try f.run(["replay", "--rev", "v0"])
        #expect(rev.status == 2)
        #expect(
            rev.stderr.contains("replay --rev v0: no recorded run has its inputs, params and outputs"), "\(rev.stderr)")
        let missing = try f.run(["replay", "--rev", "no-such-tag"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("revision 'no-such-tag'"), "\(missing.stderr)")
        let unknown = try f.run(["replay", "deadbeefdead"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: run 'deadbeefdead': no recorded run has this id\n")
        let short = try f.run(["replay", "dead"])
        #expect(short.status == 2)
        #expect(short.stderr.contains("expected at least 8 hex digits"), "\(short.stderr)")
    }
}
