import Foundation
import RadVaultCore
import RadVaultTestSupport
import Testing

/// The git commit in every run's environment fingerprint is the one the `radvault` executable
/// was built from (stamped by the BuildStamp plugin), checked against the source tree's HEAD
/// read here independently.
@Suite struct BuildStampTests {
    /// HEAD of the checkout holding this file: a `.git` folder, or a worktree's `.git` file
    /// (its `commondir` holds the refs); the ref as a loose file, else in packed-refs.
    static func sourceHead() -> String? {
        func text(_ url: URL) -> String? {
            (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var git = root.appendingPathComponent(".git")
        if let link = text(git), link.hasPrefix("gitdir: ") {
            git = URL(fileURLWithPath: String(link.dropFirst(8)), relativeTo: root)
        }
        let common = text(git.appendingPathComponent("commondir")).map { URL(fileURLWithPath: $0, relativeTo: git) }
        guard let head = text(git.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref: ") else { return head }
        let ref = String(head.dropFirst(5))
        let folders = [git] + (common.map { [$0] } ?? [])
        for folder in folders {
            if let id = text(folder.appendingPathComponent(ref)) { return id }
        }
        for folder in folders {
            for line in (text(folder.appendingPathComponent("packed-refs")) ?? "").split(separator: "\n")
            where line.hasSuffix(" " + ref) {
                return String(line.prefix(while: { $0 != " " }))
            }
        }
        return nil
    }

    @Test func theExecutableNamesTheCommitItWasBuiltFrom() throws {
        let result = try TestSupport.radvault(["--version"])
        #expect(result.status == 0)
        let expected = Self.sourceHead() ?? "unknown"
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0 (git \(expected))")
        if expected != "unknown" {
            #expect(expected.count == 40 || expected.count == 64)
            #expect(expected.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    /// Outside the executable nothing was stamped: the fingerprint says so instead of guessing.
    @Test func codeOutsideTheExecutableReportsUnknown() {
        #expect(EnvironmentFingerprint.current().gitCommit == "unknown")
    }
}
