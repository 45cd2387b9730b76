import Foundation
import RadVaultCore

/// The object store on the local file system: `objects/sha256/ab/<rest of hex>`.
///
/// Write path as in libgit2's `src/libgit2/odb_loose.c` and `src/util/filebuf.c`: stream into a
/// temporary file inside the store (same file system, so the rename is atomic) while hashing,
/// fsync the file, make it read-only, rename it to its digest's path, fsync the folder. A killed
/// writer leaves at most a file in `objects/tmp/`, never a partial blob under a digest.
public struct LocalObjectStore: ObjectStore {
    /// The `objects` folder.
    public let root: URL
    /// Chunk size of streaming writes; the whole blob is never in memory.
    static let chunkSize = 4 << 20
    /// Chunk size of `rehashIfPresent`: small enough that a chunk is still in cache when hashed,
    /// and below glibc's mmap threshold (128 KiB), so that the buffer comes from the heap and is
    /// reused from blob to blob instead of being mapped (and page-faulted) afresh for each.
    static let rehashChunkSize = 64 << 10
    /// `root/sha256` as a path (blob paths are built from it without URL parsing).
    private let blobFolder: String

    /// Uses (and creates if needed) `objects/sha256` and `objects/tmp` under `root`.
    public init(root: URL) throws {
        self.root = root
        self.blobFolder = root.appendingPathComponent("sha256").path
        for sub in ["sha256", "tmp"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    var temporaryFolder: URL { root.appendingPathComponent("tmp") }

    public func location(of digest: Digest) -> String { filePath(of: digest) }

    /// `objects/sha256/ab/<rest of hex>` (the same path as `path(of:)`, built as a string).
    func filePath(of digest: Digest) -> String {
        var path = blobFolder
        path.reserveCapacity(blobFolder.utf8.count + 66)
        path += "/"
        path.append(contentsOf: digest.hex.prefix(2))
        path += "/"
        path.append(contentsOf: digest.hex.dropFirst(2))
        return path
    }

    func path(of digest: Digest) -> URL {
        root.appendingPathComponent("sha256").appendingPathComponent(String(digest.hex.prefix(2)))
            .appendingPathComponent(String(digest.hex.dropFirst(2)))
    }

    public func contains(_ digest: Digest) -> Bool { FileManager.default.fileExists(atPath: filePath(of: digest)) }

    /// Re-hashes a blob; nil when it is absent (what `contains` would say), with one `open`
    /// instead of an existence check followed by `rehash` (`verify` does this for every blob).
    func rehashIfPresent(_ digest: Digest) throws -> (digest: Digest, size: Int64)? {
        guard var file = try POSIXFile.openForReadingIfPresent(filePath(of: digest)) else { return nil }
        return try file.hashToEnd(chunkSize: Self.rehashChunkSize)
    }

    public func size(of digest: Digest) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path(of: digest).path),
            let size = attributes[.size] as? NSNumber
        else { return nil }
        return size.int64Value
    }

    public func reader(for digest: Digest) throws -> any ObjectReader {
        guard contains(digest) else {
            throw RadVaultError.notFound("object \(digest): blob missing at \(location(of: digest))")
        }
        return try LocalObjectReader(path: path(of: digest).path)
    }

    public func write<Source: ByteSource>(from source: inout Source) throws -> StoredObject {
        let temporary = temporaryFolder.appendingPathComponent("obj-\(UUID().uuidString)")
        let file = try POSIXFile.createExclusive(temporary.path)
        var moved = false
        defer { if !moved { unlink(temporary.path) } }
        let pipeline = WritePipeline(file: file, chunkSize: Self.chunkSize)
        let (digest, size) = try pipeline.run(from: &source)
        try file.makeReadOnly()
        try file.sync()
        let destination = path(of: digest)
        if contains(digest) { return StoredObject(digest: digest, size: size, isNew: false) }
        let folder = destination.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) {
            // A new fan-out folder must itself be durable before the blob's rename relies on it.
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try POSIXFile.openDirectory(folder.deletingLastPathComponent().path).sync()
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw POSIXFile.errnoError(errno, path: destination.path, doing: "cannot rename into place", expected: "")
        }
        moved = true
        try POSIXFile.openDirectory(folder.path).sync()
        return StoredObject(digest: digest, size: size, isNew: true)
    }

    public func allDigests() throws -> [Digest] {
        let base = root.appendingPathComponent("sha256")
        var out: [Digest] = []
        let fanouts = try FileManager.default.contentsOfDirectory(atPath: base.path)
        for fanout in fanouts where fanout.count == 2 {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: base.appendingPathComponent(fanout).path)
            for name in names {
                if let digest = try? Digest(parsing: fanout + name) { out.append(digest) }
            }
        }
        return out.sorted()
    }

    /// Removes temporary files left by writers killed more than `age` seconds ago (a live write
    /// keeps touching its file, so an old one belongs to no one).
    func removeStaleTemporaries(olderThan age: TimeInterval = 3600) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: temporaryFolder.path) else { return }
        for name in names where name.hasPrefix("obj-") {
            let path = temporaryFolder.appendingPathComponent(name).path
            guard let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                Date().timeIntervalSince(modified) > age
            else { continue }
            try? fm.removeItem(atPath: path)
        }
    }

    /// `allDigests()` and `strayPaths()` in one pass over the store (for `verify`).
    func inventory() throws -> (digests: [Digest], strays: [String]) {
        var digests: [Digest] = []
        var strays: [String] = []
        for fanout in try POSIXFile.directoryEntries(blobFolder) {
            let folder = blobFolder + "/" + fanout
            let isFanout = fanout.count == 2 && fanout.allSatisfy(\.isHexDigit)
            if !isFanout { strays.append(folder) }
            // `allDigests` reads every two-character folder, `strayPaths` only the hex ones.
            guard fanout.count == 2 else { continue }
            for name in try POSIXFile.directoryEntries(folder) {
                if let digest = try? Digest(parsing: fanout + name) {
                    digests.append(digest)
                } else if isFanout {
                    strays.append(folder + "/" + name)
                }
            }
        }
        return (digests.sorted(), strays)
    }

    /// Paths under the store that are neither blobs nor the temporary folder (for `verify`).
    func strayPaths() throws -> [String] {
        let base = root.appendingPathComponent("sha256")
        var out: [String] = []
        for fanout in try FileManager.default.contentsOfDirectory(atPath: base.path) {
            let folder = base.appendingPathComponent(fanout)
            guard fanout.count == 2, fanout.allSatisfy(\.isHexDigit) else {
                out.append(folder.path)
                continue
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
            where (try? Digest(parsing: fanout + name)) == nil {
                out.append(folder.appendingPathComponent(name).path)
            }
        }
        return out
    }
}

/// Streaming reader over a local blob.
final class LocalObjectReader: ObjectReader {
    private let file: POSIXFile
    var sourceDescription: String { file.path }

    init(path: String) throws { self.file = try POSIXFile.openForReading(path) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try file.read(into: buffer) }
}
