import RadVaultCore

/// A content-addressed store of immutable blobs, named by the SHA-256 of their bytes.
///
/// The protocol mentions neither files nor databases, so an S3-compatible store can stand beside
/// `LocalObjectStore` later. Writes stream: no implementation may hold a whole blob in memory.
public protocol ObjectStore: Sendable {
    /// Streams `source` into the store while hashing it; storing bytes already present is a no-op.
    func write<Source: ByteSource>(from source: inout Source) throws -> StoredObject
    /// Whether a blob with this digest is present.
    func contains(_ digest: Digest) -> Bool
    /// Size of the stored blob, nil when absent.
    func size(of digest: Digest) -> Int64?
    /// Opens a blob for streaming reads.
    func reader(for digest: Digest) throws -> any ObjectReader
    /// Every digest present, sorted.
    func allDigests() throws -> [Digest]
    /// Where a blob lives, for messages (a path or a URL).
    func location(of digest: Digest) -> String
}

/// A stream of bytes to store.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Names the source in error messages.
    var sourceDescription: String { get }
}

extension ByteSource {
    /// The SHA-256 and the count of everything left to read, read `chunkSize` bytes at a time.
    public mutating func hashToEnd(chunkSize: Int) throws -> (digest: Digest, size: Int64) {
        var hasher = StreamingHasher()
        // Uninitialised on purpose: zero-filling 1 MiB per blob cost more than hashing the many
        // small blobs of an archive; only the pages `read` touches are ever faulted in.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, chunkSize), alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { return (hasher.finalize(), Int64(hasher.byteCount)) }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// Everything left to read, in memory (for small sources).
    public mutating func readToEnd() throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
        }
    }
}

/// A stored blob's identity.
public struct StoredObject: Hashable, Sendable {
    public var digest: Digest
    public var size: Int64
    /// False when the bytes were already present (the write was a no-op).
    public var isNew: Bool

    public init(digest: Digest, size: Int64, isNew: Bool) {
        self.digest = digest
        self.size = size
        self.isNew = isNew
    }
}

/// A streaming reader over one stored blob.
public protocol ObjectReader: AnyObject, ByteSource {}

extension ObjectStore {
    /// Stores an in-memory buffer (small artifacts: parameters, results).
    public func write(bytes: [UInt8]) throws -> StoredObject {
        var source = BufferByteSource(bytes: bytes)
        return try write(from: &source)
    }

    /// Reads a whole blob into memory (for small blobs; use `reader(for:)` for large ones).
    public func readAll(_ digest: Digest) throws -> [UInt8] {
        var reader = try reader(for: digest)
        return try reader.readToEnd()
    }

    /// Re-hashes a stored blob (streaming) and returns the digest of its current bytes.
    public func rehash(_ digest: Digest) throws -> (digest: Digest, size: Int64) {
        var reader = try reader(for: digest)
        return try reader.hashToEnd(chunkSize: 1 << 20)
    }
}

/// A `ByteSource` over bytes in memory.
public struct BufferByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    public var sourceDescription: String

    public init(bytes: [UInt8], description: String = "<bytes>") {
        self.bytes = bytes
        self.sourceDescription = description
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[offset..<offset + n]))
        }
        offset += n
        return n
    }
}
