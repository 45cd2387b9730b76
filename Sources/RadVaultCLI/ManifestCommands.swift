import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore

/// `radvault commit -m MSG [--tag NAME]`: snapshot the catalog into the git manifests.
struct Commit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Commit the manifests (cohort.json + one file per subject).")
    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "Commit message.") var message: String
    @Option(help: "Tag the commit (a cohort or study version).") var tag: String?

    func run() throws {
        let archive = try global.openArchive()
        let entry = try archive.commit(message: message, tag: tag)
        try CheckpointCLI.checkpoint(archive)
        if global.json { return try Output.json(entry) }
        print("committed \(entry.commit.prefix(12))\(entry.tags.map { " (\($0))" }.joined()) \(entry.message)")
    }
}

/// `radvault log`: manifest history, newest first.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Show the manifest history.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let entries = try global.openArchive().log()
        if global.json { return try Output.json(entries) }
        for entry in entries {
            let tags = entry.tags.isEmpty ? "" : " (tag: \(entry.tags.joined(separator: ", ")))"
            print("\(entry.commit.prefix(12))\(tags)  \(entry.time)  \(entry.author)  \(entry.message)")
        }
    }
}

/// `radvault diff REV1 REV2`: artifacts added, removed and changed per subject.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two manifest revisions (commit id, tag, HEAD~N) per subject.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The older revision.") var from: String
    @Argument(help: "The newer revision.") var to: String

    func run() throws {
        let diff = try global.openArchive().diff(from, to)
        if global.json { return try Output.json(diff) }
        if diff.isEmpty { return print("no differences between \(from) and \(to)") }
        for subject in diff.subjects {
            print("\(subject.subject):")
            for e in subject.added { print("  + \(e.kind.rawValue) \(e.name) \(e.digest.short)") }
            for e in subject.removed { print("  - \(e.kind.rawValue) \(e.name) \(e.digest.short)") }
            for c in subject.changed {
                print("  ~ \(c.new.kind.rawValue) \(c.new.name) \(c.old.digest.short) -> \(c.new.digest.short)")
            }
        }
    }
}
