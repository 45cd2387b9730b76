internal import CLibGit2
import Foundation
import RadVaultCore

/// A thin wrapper over a libgit2 repository: the only code in RadVault that calls libgit2.
///
/// Every libgit2 call goes through `check(_:_:)`, which turns a negative return code and
/// `git_error_last()` into a `RadVaultError`. Handles are freed with `defer` right where they are
/// obtained. Nothing here reads `~/.gitconfig`: the author identity is passed in.
final class GitRepository: @unchecked Sendable {
    private let handle: OpaquePointer
    /// libgit2's functions (`LibGit2`).
    let git: LibGit2
    /// The working folder.
    let path: String

    /// libgit2 opened and initialised once; the loader's error when it cannot be opened.
    private static let libraryReady: Result<LibGit2, any Error> = Result {
        let git = try LibGit2.load()
        _ = git.libgit2Init()
        return git
    }

    private init(handle: OpaquePointer, path: String, git: LibGit2) {
        self.handle = handle
        self.git = git
        self.path = path
    }

    deinit { git.repositoryFree(handle) }

    /// Creates a repository with a working folder at `path` (`git_repository_init`).
    static func create(at path: String) throws -> GitRepository {
        let git = try libraryReady.get()
        var repo: OpaquePointer?
        try check(git.repositoryInit(&repo, path, 0), "cannot create git repository at \(path)")
        guard let repo else { throw RadVaultError.internalError("\(path): git_repository_init returned no handle") }
        return GitRepository(handle: repo, path: path, git: git)
    }

    /// Opens the repository whose working folder is `path` (`git_repository_open`).
    static func open(at path: String) throws -> GitRepository {
        let git = try libraryReady.get()
        var repo: OpaquePointer?
        try check(git.repositoryOpen(&repo, path), "cannot open git repository \(path)")
        guard let repo else { throw RadVaultError.internalError("\(path): git_repository_open returned no handle") }
        return GitRepository(handle: repo, path: path, git: git)
    }

    /// The chokepoint: a libgit2 return code → `RadVaultError` with libgit2's own message.
    @discardableResult
    static func check(_ code: Int32, _ doing: String) throws -> Int32 {
        guard code < 0 else { return code }
        var detail = "libgit2 error \(code)"
        if let last = (try? libraryReady.get())?.errorLast(), let message = last.pointee.message {
            detail += ": " + String(cString: message)
        }
        switch code {
        case GIT_ENOTFOUND.rawValue: throw RadVaultError.notFound("\(doing): \(detail)")
        case GIT_EEXISTS.rawValue: throw RadVaultError(.alreadyExists, "\(doing): \(detail)")
        case GIT_EINVALIDSPEC.rawValue, GIT_EAMBIGUOUS.rawValue: throw RadVaultError.invalidInput("\(doing): \(detail)")
        default: throw RadVaultError.corrupt("\(doing): \(detail)")
        }
    }

    /// The commit id HEAD points to, nil for a repository without commits.
    func head() throws -> String? {
        var oid = git_oid()
        let code = git.referenceNameToId(&oid, handle, "HEAD")
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try Self.check(code, "\(path): cannot read HEAD")
        return Self.hex(oid)
    }

    /// Resolves a revision (commit id, prefix, tag, `HEAD~1`) to a commit id (`git_revparse_single`).
    func resolve(_ revision: String) throws -> String {
        var object: OpaquePointer?
        try Self.check(
            git.revparseSingle(&object, handle, revision + "^{commit}"),
            "\(path): revision '\(revision)': expected a commit id, tag or HEAD~N")
        defer { git.objectFree(object) }
        guard let id = git.objectId(object) else { throw RadVaultError.notFound("revision '\(revision)'") }
        return Self.hex(id.pointee)
    }

    /// Replaces the working files and the index with `files` (relative path → bytes) and commits
    /// them on HEAD; returns nil when the tree equals HEAD's tree (nothing to commit).
    func commitSnapshot(files: [String: [UInt8]], message: String, author: String, email: String) throws -> String? {
        try writeWorkingFiles(files)
        var index: OpaquePointer?
        try Self.check(git.repositoryIndex(&index, handle), "\(path): cannot open the index")
        defer { git.indexFree(index) }
        try Self.check(git.indexClear(index), "\(path): cannot clear the index")
        for file in files.keys.sorted() {
            try Self.check(git.indexAddBypath(index, file), "\(path): cannot stage \(file)")
        }
        try Self.check(git.indexWrite(index), "\(path): cannot write the index")
        var tree = git_oid()
        try Self.check(git.indexWriteTree(&tree, index), "\(path): cannot write the tree")
        return try commit(tree: tree, message: message, author: author, email: email)
    }

    private func commit(tree treeID: git_oid, message: String, author: String, email: String) throws -> String? {
        var parent: OpaquePointer?
        if let headID = try head() {
            var oid = try Self.oid(headID)
            try Self.check(git.commitLookup(&parent, handle, &oid), "\(path): cannot read HEAD commit")
            guard var parentTree = git.commitTreeId(parent)?.pointee else {
                git.commitFree(parent)
                throw RadVaultError.corrupt("\(path): HEAD commit \(headID) has no tree")
            }
            var ownTree = treeID
            if git.oidEqual(&parentTree, &ownTree) != 0 {
                git.commitFree(parent)
                return nil
            }
        }
        defer { git.commitFree(parent) }
        var tree: OpaquePointer?
        var treeOID = treeID
        try Self.check(git.treeLookup(&tree, handle, &treeOID), "\(path): cannot read the new tree")
        defer { git.treeFree(tree) }
        var signature: UnsafeMutablePointer<git_signature>?
        try Self.check(
            git.signatureNew(&signature, author, email, git_time_t(time(nil)), 0), "author '\(author)' <\(email)>")
        defer { git.signatureFree(signature) }
        var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
        var commitID = git_oid()
        try Self.check(
            git.commitCreate(
                &commitID, handle, "HEAD", signature, signature, "UTF-8", message, tree, parents.count, &parents),
            "\(path): cannot create the commit")
        return Self.hex(commitID)
    }

    /// Creates a lightweight tag `name` on `commit` (`git_tag_create_lightweight`).
    func tag(_ name: String, commit: String) throws {
        var oid = try Self.oid(commit)
        var object: OpaquePointer?
        try Self.check(git.objectLookup(&object, handle, &oid, GIT_OBJECT_COMMIT), "\(path): commit \(commit)")
        defer { git.objectFree(object) }
        var tagID = git_oid()
        try Self.check(
            git.tagCreateLightweight(&tagID, handle, name, object, 0),
            "tag '\(name)': expected a new, valid tag name")
    }

    static func hex(_ oid: git_oid) -> String {
        withUnsafeBytes(of: oid.id) { hexEncode($0) }
    }

    static func oid(_ hex: String) throws -> git_oid {
        var oid = git_oid()
        try check(try libraryReady.get().oidFromstr(&oid, hex), "commit id '\(hex)': expected 40 hex digits")
        return oid
    }

    var rawHandle: OpaquePointer { handle }
}
