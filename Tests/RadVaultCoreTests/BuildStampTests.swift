import Foundation
import RadVaultCore
import Testing

/// The git commit in every run's environment fingerprint is the one this build was made from
/// (stamped by the BuildStamp plugin), checked against the source tree's HEAD read here
/// independently.
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

    @Test func theFingerprintNamesTheCommitOfTheBuild() throws {
        let stamped = BuildInfo.gitCommit()
        #expect(stamped == (Self.sourceHead() ?? "unknown"))
        #expect(EnvironmentFingerprint.current().gitCommit == stamped)
        if stamped != "unknown" {
            #expect(stamped.count == 40 || stamped.count == 64)
            #expect(stamped.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }
}
