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
        try Self.check(git_revwalk_new(&walk, rawHandle), "\(path): cannot walk history")
        defer { git_revwalk_free(walk) }
        try Self.check(
            git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "\(path): sorting")
        try Self.check(git_revwalk_push_head(walk), "\(path): cannot walk from HEAD")
        var out: [GitCommitInfo] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 {
            var commit: OpaquePointer?
            try Self.check(git_commit_lookup(&commit, rawHandle, &oid), "\(path): cannot read commit")
            defer { git_commit_free(commit) }
            let author = git_commit_author(commit)
            let id = Self.hex(oid)
            out.append(
                GitCommitInfo(
                    id: id, message: git_commit_message(commit).map { String(cString: $0) } ?? "",
                    author: author?.pointee.name.map { String(cString: $0) } ?? "",
                    email: author?.pointee.email.map { String(cString: $0) } ?? "",
                    time: Int64(git_commit_time(commit)), tags: tags[id, default: []].sorted()))
        }
        return out
    }

    /// Tag names per commit id.
    func tagsByCommit() throws -> [String: [String]] {
        var names = git_strarray()
        try Self.check(git_tag_list(&names, rawHandle), "\(path): cannot list tags")
        defer { git_strarray_dispose(&names) }
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
            git_revparse_single(&object, rawHandle, revision + "^{tree}"),
            "\(path): revision '\(revision)': expected a commit id, tag or HEAD~N")
        defer { git_object_free(object) }
        var out: [String: [UInt8]] = [:]
        try collect(tree: object, prefix: "", into: &out)
        return out
    }

    private func collect(tree: OpaquePointer?, prefix: String, into out: inout [String: [UInt8]]) throws {
        for i in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, i), let cName = git_tree_entry_name(entry) else { continue }
            let name = prefix + String(cString: cName)
            guard var id = git_tree_entry_id(entry)?.pointee else { continue }
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                var sub: OpaquePointer?
                try Self.check(git_tree_lookup(&sub, rawHandle, &id), "\(path): cannot read tree \(name)")
                defer { git_tree_free(sub) }
                try collect(tree: sub, prefix: name + "/", into: &out)
            case GIT_OBJECT_BLOB:
                var blob: OpaquePointer?
                try Self.check(git_blob_lookup(&blob, rawHandle, &id), "\(path): cannot read blob \(name)")
                defer { git_blob_free(blob) }
                let size = Int(git_blob_rawsize(blob))
                if let raw = git_blob_rawcontent(blob), size > 0 {
                    out[name] = Array(UnsafeRawBufferPointer(start: raw, count: size))
                } else {
                    out[name] = []
                }
            default: continue
            }
        }
    }

    /// Writes `files` into the working folder and removes the previously tracked files not in it.
    func writeWorkingFiles(_ files: [String: [UInt8]]) throws {
        let root = URL(fileURLWithPath: path)
        if let current = try head() {
            for old in try self.files(at: current).keys where files[old] == nil {
                try? FileManager.default.removeItem(at: root.appendingPathComponent(old))
            }
        }
        for (relative, bytes) in files {
            let url = root.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        }
    }
}
