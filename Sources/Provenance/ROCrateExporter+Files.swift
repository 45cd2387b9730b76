import Foundation
import RadVaultCore

extension ROCrateExporter {
    /// Checks that `directory` can receive a crate (absent, or an empty folder); returns whether it existed.
    static func checkTarget(_ directory: URL) throws -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder) else { return false }
        guard isFolder.boolValue else {
            throw RadVaultError(
                .alreadyExists,
                "crate directory '\(directory.path)': exists and is a file, expected an absent or "
                    + "empty folder")
        }
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: directory.path), !existing.isEmpty {
            throw RadVaultError(.alreadyExists, "crate directory '\(directory.path)': exists and is not empty")
        }
        return true
    }

    /// Removes what a failed export wrote: the folder's contents, and the folder if it was made here.
    static func removeWritten(_ directory: URL, keepFolder: Bool) {
        let fm = FileManager.default
        guard keepFolder else {
            try? fm.removeItem(at: directory)
            return
        }
        for name in (try? fm.contentsOfDirectory(atPath: directory.path)) ?? [] {
            try? fm.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Copies a stored object into the crate in 1 MiB chunks, re-hashing it on the way.
    static func copyVerified(_ digest: Digest, from source: URL, to target: URL) throws {
        guard let input = FileHandle(forReadingAtPath: source.path) else {
            throw RadVaultError.notFound(
                "object \(digest): no stored file at \(source.path); expected every artifact's blob in the "
                    + "archive (see `radvault verify`)")
        }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: target.path, contents: nil),
            let output = FileHandle(forWritingAtPath: target.path)
        else {
            throw RadVaultError(.internal, "crate file '\(target.path)': cannot be created")
        }
        defer { try? output.close() }
        var hasher = StreamingHasher()
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
            try output.write(contentsOf: chunk)
        }
        let actual = hasher.finalize()
        guard actual == digest else {
            throw RadVaultError(
                .digestMismatch,
                "object \(digest): the stored bytes at \(source.path) hash to \(actual); the crate "
                    + "would state a false sha256 (see `radvault verify`)")
        }
    }
}
