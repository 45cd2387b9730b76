internal import CLibGit2
import Foundation
import RadVaultCore

/// One commit as `log` shows it.
struct GitCommitInfo: Sendable {
    var id: String
    var message: String
    var author: String
    var email: String
    /// Seconds since 1970.
    var time: Int64
    var tags: [String]
}

/// Reading history and trees: `git_revwalk`, `git_tree_*`, `git_blob_*`, `git_tag_list`.
extension GitRepository {
    /// Commits reachable from HEAD, newest first.
    func log() throws -> [GitCommitInfo] {
        guard try head() != nil else { return [] }
        let tags = try tagsByCommit()
        var walk: OpaquePointer?
        try Self.check(git.revwalkNew(&walk, rawHandle), "\(path): cannot walk history")
        defer { git.revwalkFree(walk) }
        try Self.check(
            git.revwalkSorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "\(path): sorting")
        try Self.check(git.revwalkPushHead(walk), "\(path): cannot walk from HEAD")
        var out: [GitCommitInfo] = []
        var oid = git_oid()
        while git.revwalkNext(&oid, walk) == 0 {
            var commit: OpaquePointer?
            try Self.check(git.commitLookup(&commit, rawHandle, &oid), "\(path): cannot read commit")
            defer { git.commitFree(commit) }
            let author = git.commitAuthor(commit)
            let id = Self.hex(oid)
            out.append(
                GitCommitInfo(
                    id: id, message: git.commitMessage(commit).map { String(cString: $0) } ?? "",
                    author: author?.pointee.name.map { String(cString: $0) } ?? "",
                    email: author?.pointee.email.map { String(cString: $0) } ?? "",
                    time: Int64(git.commitTime(commit)), tags: tags[id, default: []].sorted()))
        }
        return out
    }

    /// Tag names per commit id.
    func tagsByCommit() throws -> [String: [String]] {
        var names = git_strarray()
        try Self.check(git.tagList(&names, rawHandle), "\(path): cannot list tags")
        defer { git.strarrayDispose(&names) }
        var out: [String: [String]] = [:]
        for i in 0..<names.count {
            guard let cName = names.strings[i] else { continue }
            let name = String(cString: cName)
            if let id = try? resolve("refs/tags/" + name) { out[id, default: []].append(name) }
        }
        return out
    }

    /// Every file of the tree of `revision`: relative path → bytes.
    func files(at revision: String) throws -> [String: [UInt8]] {
        var object: OpaquePointer?
        try Self.check(
            git.revparseSingle(&object, rawHandle, revision + "^{tree}"),
            "\(path): revision '\(revision)': expected a commit id, tag or HEAD~N")
        defer { git.objectFree(object) }
        var out: [String: [UInt8]] = [:]
        try collect(tree: object, prefix: "", into: &out)
        return out
    }

    private func collect(tree: OpaquePointer?, prefix: String, into out: inout [String: [UInt8]]) throws {
        for i in 0..<git.treeEntrycount(tree) {
            guard let entry = git.treeEntryByindex(tree, i), let cName = git.treeEntryName(entry) else { continue }
            let name = prefix + String(cString: cName)
            guard var id = git.treeEntryId(entry)?.pointee else { continue }
            switch git.treeEntryType(entry) {
            case GIT_OBJECT_TREE:
                var sub: OpaquePointer?
                try Self.check(git.treeLookup(&sub, rawHandle, &id), "\(path): cannot read tree \(name)")
                defer { git.treeFree(sub) }
                try collect(tree: sub, prefix: name + "/", into: &out)
            case GIT_OBJECT_BLOB:
                var blob: OpaquePointer?
                try Self.check(git.blobLookup(&blob, rawHandle, &id), "\(path): cannot read blob \(name)")
                defer { git.blobFree(blob) }
                let size = Int(git.blobRawsize(blob))
                if let raw = git.blobRawcontent(blob), size > 0 {
                    out[name] = Array(UnsafeRawBufferPointer(start: raw, count: size))
                } else {
                    out[name] = []
                }
            default: continue
            }
        }
    }

    /// Writes `files` into the working folder and removes the previously tracked files not in it.
    /// Refuses, before touching anything, a path (new, or tracked at HEAD) that could leave the
    /// working folder: a HEAD tree from elsewhere must not make a commit delete outside it.
    func writeWorkingFiles(_ files: [String: [UInt8]]) throws {
        let root = URL(fileURLWithPath: path)
        let tracked = try head().map { try self.files(at: $0).keys.sorted() } ?? []
        for relative in tracked + files.keys.sorted() where !Self.staysInside(relative) {
            throw RadVaultError.corrupt(
                "\(path): manifest path '\(relative)' leaves the manifests folder, expected a relative path "
                    + "without '..', '.' or empty parts")
        }
        for old in tracked where files[old] == nil {
            try? FileManager.default.removeItem(at: root.appendingPathComponent(old))
        }
        for (relative, bytes) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        }
    }

    /// Whether a tree path is relative and has no empty, `.` or `..` part.
    static func staysInside(_ relative: String) -> Bool {
        !relative.hasPrefix("/")
            && relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
                !$0.isEmpty && $0 != "." && $0 != ".."
            }
    }
}
