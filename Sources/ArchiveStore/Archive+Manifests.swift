import Foundation
import RadVaultCore

/// Manifest commits, history and differences (the `manifests/` git repository).
extension Archive {
    func manifests() throws -> GitRepository { try GitRepository.open(at: manifestsPath) }

    /// The deterministic git identity of the agent: `<agent> <agent@radvault>`.
    var gitEmail: String { "\(agent)@radvault" }

    /// Writes the manifests from the catalog and commits them, optionally tagging the commit.
    /// Fails when nothing changed since the last commit.
    @discardableResult
    public func commit(message: String, tag: String? = nil) throws -> ManifestLogEntry {
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RadVaultError.invalidInput("commit message: empty, expected -m MESSAGE")
        }
        let repository = try manifests()
        let files = Manifest.files(from: try catalog.artifacts(kind: nil, subject: nil))
        guard
            let id = try repository.commitSnapshot(files: files, message: message, author: agent, email: gitEmail)
        else {
            let head = try repository.head().map { String($0.prefix(12)) } ?? "(none)"
            throw RadVaultError.invalidInput("manifests: nothing to commit, the catalog matches commit \(head)")
        }
        if let tag { try repository.tag(tag, commit: id) }
        let now = ISOTime.now()
        let record = ManifestCommit(commitID: id, message: message, tag: tag, agent: agent, createdAt: now)
        try catalog.insertManifestCommit(
            record,
            audit: audit(
                "manifest.commit",
                ["commit": .string(id), "message": .string(message), "tag": tag.map(JSONValue.string) ?? .null]))
        return ManifestLogEntry(
            commit: id, message: message, author: agent, time: now, tags: tag.map { [$0] } ?? [])
    }

    /// Manifest history, newest first (the same as `git -C manifests log`).
    public func log() throws -> [ManifestLogEntry] {
        try manifests().log().map { info in
            ManifestLogEntry(
                commit: info.id, message: info.message.trimmingCharacters(in: .newlines), author: info.author,
                time: ISOTime.string(from: Date(timeIntervalSince1970: TimeInterval(info.time))), tags: info.tags)
        }
    }

    /// Artifacts added, removed and changed per subject between two revisions (commit id, tag, HEAD~N).
    public func diff(_ from: String, _ to: String) throws -> ManifestDiff {
        let repository = try manifests()
        let old = try Manifest.entries(from: repository.files(at: from), revision: from)
        let new = try Manifest.entries(from: repository.files(at: to), revision: to)
        return ManifestDiff.compare(old, new, from: try repository.resolve(from), to: try repository.resolve(to))
    }
}
