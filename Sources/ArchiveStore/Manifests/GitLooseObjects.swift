internal import CZlib
import Crypto
import Foundation
import RadVaultCore

/// A read-only view of a git repository that RadVault wrote, reading its loose objects and
/// refs directly: what `verify` needs from the manifests (HEAD, whether a commit exists, the
/// files of a tree) without loading libgit2.
///
/// Why: loading libgit2 maps 18 shared objects, and its initialisation parses the system's CA
/// certificates for HTTPS; together ~10 ms of CPU in every `verify`, about half the time of
/// hashing the 51-patient cohort's objects. RadVault only ever writes loose objects (libgit2's
/// `git_odb_write`, no packing), so this reader covers the archives RadVault makes.
///
/// It is strict and answers only what it is sure of. Every object is inflated in full, its
/// header (`type size\0`) checked against its length and its SHA-1 against its name, as
/// libgit2 checks them (strict hash verification is libgit2's default). Anything else — a
/// packed object or ref, a `.git` file instead of a folder, another object format, an object
/// that is missing, damaged or not of the expected type — makes it give up
/// (`GitLooseObjects.Unsupported`), and the caller asks libgit2, which then decides and words
/// the outcome exactly as before. So it can make `verify` faster, never different.
struct GitLooseObjects {
    /// Why the reader gave up; the caller falls back to libgit2 (never shown to users).
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    /// An object's type and content (after the `type size\0` header).
    struct Object {
        var type: String
        var body: [UInt8]
    }

    /// The repository's git folder (`<working folder>/.git`).
    let gitFolder: String

    /// The reader for the repository whose working folder is `workingFolder`.
    init(workingFolder: String) {
        gitFolder = workingFolder + "/.git"
    }

    /// The commit id HEAD points to; nil for a branch without commits (no loose ref and no
    /// `packed-refs`, as after `git_repository_init`).
    func head() throws -> String? {
        let text = try Self.text(of: try readFile("HEAD"), "HEAD")
        guard text.hasPrefix("ref: ") else { return try Self.objectID(text, "HEAD") }
        let reference = String(text.dropFirst(5))
        guard reference.hasPrefix("refs/"), !reference.contains(".."), !reference.contains("\\") else {
            throw Unsupported(description: "HEAD names '\(reference)'")
        }
        guard let bytes = try readFileIfPresent(reference) else {
            if try readFileIfPresent("packed-refs") != nil {
                throw Unsupported(description: "\(reference) may be packed")
            }
            return nil
        }
        return try Self.objectID(try Self.text(of: bytes, reference), reference)
    }

    /// Whether `id` (40 hex digits) names a loose commit; gives up for anything else.
    func requireCommit(_ id: String) throws {
        _ = try object(try Self.objectID(id, "commit id"), type: "commit")
    }

    /// Every file of the tree of commit `id`: relative path → bytes (as `GitRepository.files(at:)`).
    func files(atCommit id: String) throws -> [String: [UInt8]] {
        let commit = try object(id, type: "commit")
        // A commit starts with "tree <40 hex>\n".
        let prefix = Array("tree ".utf8)
        guard commit.body.count >= 46, Array(commit.body[0..<5]) == prefix, commit.body[45] == 0x0A else {
            throw Unsupported(description: "commit \(id) does not start with its tree")
        }
        let tree = try Self.objectID(String(decoding: commit.body[5..<45], as: UTF8.self), "tree of \(id)")
        var out: [String: [UInt8]] = [:]
        try collect(tree: tree, prefix: "", into: &out)
        return out
    }

    /// Every object id reachable from commit `id`: the commits of its history, their trees and
    /// blobs (what a clone of that commit needs, and nothing newer).
    func reachableObjects(fromCommit id: String) throws -> Set<String> {
        var seen: Set<String> = []
        var commits = [try Self.objectID(id, "commit id")]
        while let commit = commits.popLast() {
            guard seen.insert(commit).inserted else { continue }
            let body = try object(commit, type: "commit").body
            // Header lines up to the first empty one: "tree <id>", "parent <id>"...
            for line in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
                if line.isEmpty { break }
                let text = String(decoding: line, as: UTF8.self)
                if text.hasPrefix("tree ") {
                    try collectTrees(try Self.objectID(String(text.dropFirst(5)), "tree of \(commit)"), into: &seen)
                } else if text.hasPrefix("parent ") {
                    commits.append(try Self.objectID(String(text.dropFirst(7)), "parent of \(commit)"))
                }
            }
        }
        return seen
    }

    /// Adds tree `id` and every tree and blob under it to `seen`.
    private func collectTrees(_ id: String, into seen: inout Set<String>) throws {
        guard seen.insert(id).inserted else { return }
        try forEachEntry(ofTree: id) { mode, _, child in
            switch mode {
            case "40000": try collectTrees(child, into: &seen)
            case "100644", "100755", "120000": seen.insert(child)
            case "160000": break  // a submodule's commit lives in another repository
            default: throw Unsupported(description: "tree \(id) has mode \(mode)")
            }
        }
    }

    /// Calls `body(mode, name, id)` for each entry of tree `id`, checking names as git does.
    private func forEachEntry(ofTree id: String, _ body: (String, String, String) throws -> Void) throws {
        let bytes = try object(id, type: "tree").body
        var i = 0
        // Entries: "<octal mode> <name>\0<20-byte id>".
        while i < bytes.count {
            guard let space = bytes[i...].firstIndex(of: 0x20), let nul = bytes[space...].firstIndex(of: 0),
                nul + 21 <= bytes.count
            else { throw Unsupported(description: "tree \(id) is malformed") }
            let mode = String(decoding: bytes[i..<space], as: UTF8.self)
            let name = String(decoding: bytes[(space + 1)..<nul], as: UTF8.self)
            let child = hexEncode(bytes[(nul + 1)..<(nul + 21)])
            i = nul + 21
            guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
                throw Unsupported(description: "tree \(id) has an entry named '\(name)'")
            }
            try body(mode, name, child)
        }
    }

    private func collect(tree id: String, prefix: String, into out: inout [String: [UInt8]]) throws {
        try forEachEntry(ofTree: id) { mode, name, child in
            switch mode {
            case "40000": try collect(tree: child, prefix: prefix + name + "/", into: &out)
            case "100644", "100755", "120000": out[prefix + name] = try object(child, type: "blob").body
            case "160000": break  // a submodule's commit: not a file (libgit2's entry type is commit)
            default: throw Unsupported(description: "tree \(id) has mode \(mode)")
            }
        }
    }

    /// The loose object `id`, inflated and checked (header, length, SHA-1, type).
    func object(_ id: String, type expected: String) throws -> Object {
        let path = "objects/\(id.prefix(2))/\(id.dropFirst(2))"
        guard let compressed = try readFileIfPresent(path) else {
            throw Unsupported(description: "object \(id) is not loose")
        }
        let raw = try Self.inflate(compressed, path)
        guard let nul = raw.firstIndex(of: 0), let space = raw[..<nul].firstIndex(of: 0x20),
            let size = Int(String(decoding: raw[(space + 1)..<nul], as: UTF8.self)), size == raw.count - nul - 1
        else { throw Unsupported(description: "\(path): header does not match the content") }
        guard hexEncode(Insecure.SHA1.hash(data: raw)) == id else {
            throw Unsupported(description: "\(path): content does not hash to its name")
        }
        let type = String(decoding: raw[..<space], as: UTF8.self)
        guard type == expected else { throw Unsupported(description: "object \(id) is a \(type), not a \(expected)") }
        return Object(type: type, body: Array(raw[(nul + 1)...]))
    }

    // MARK: files and formats

    /// A file of the git folder; gives up when it is missing.
    private func readFile(_ relative: String) throws -> [UInt8] {
        guard let bytes = try readFileIfPresent(relative) else {
            throw Unsupported(description: "\(relative) is missing")
        }
        return bytes
    }

    /// A file of the git folder in full; nil when nothing is there.
    private func readFileIfPresent(_ relative: String) throws -> [UInt8]? {
        guard var file = try POSIXFile.openForReadingIfPresent(gitFolder + "/" + relative) else { return nil }
        return try file.readToEnd()
    }

    /// A one-line text file's line, without the newline.
    private static func text(of bytes: [UInt8], _ name: String) throws -> String {
        var line = bytes
        if line.last == 0x0A { line.removeLast() }
        guard !line.contains(0x0A), !line.contains(0x0D) else {
            throw Unsupported(description: "\(name) is not one line")
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// A full SHA-1 object id (40 lowercase hex digits); gives up for anything else (a
    /// SHA-256 repository, an abbreviated id, a name).
    private static func objectID(_ text: String, _ name: String) throws -> String {
        let hex = text.utf8
        guard hex.count == 40, hex.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw Unsupported(description: "\(name): '\(text)' is not a SHA-1 object id")
        }
        return text
    }

    /// zlib-inflates a whole loose object (at most 64 MiB: manifests are small).
    private static func inflate(_ compressed: [UInt8], _ path: String) throws -> [UInt8] {
        let limit = 64 << 20
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Unsupported(description: "\(path): zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: max(4096, 4 * compressed.count))
        var produced = 0
        var input = compressed
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let code: Int32 = out.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress! + produced
                    stream.avail_out = UInt32(target.count - produced)
                    let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                    produced = target.count - Int(stream.avail_out)
                    return code
                }
                if code == Z_STREAM_END { return code }
                guard code == Z_OK || (code == Z_BUF_ERROR && produced == out.count), out.count < limit else {
                    return code == Z_OK ? Z_MEM_ERROR : code
                }
                if produced == out.count { out += [UInt8](repeating: 0, count: out.count) }
            }
        }
        guard status == Z_STREAM_END, stream.avail_in == 0 else {
            throw Unsupported(description: "\(path): not a complete zlib stream")
        }
        out.removeSubrange(produced...)
        return out
    }
}
