import Foundation
import RadVaultCore

/// Streams a source into a file while hashing it, with reading, hashing and writing overlapped.
///
/// Two buffers alternate: while chunk *i* is hashed (one serial queue) and written (another), chunk
/// *i+1* is read. Serial queues keep both the hash and the file in source order. Every 64 MiB a
/// background `fdatasync` starts write-back early, so the final fsync has little left to do.
/// Why: the goal is an `add` within 1.2× of the slower of hashing and copying alone,
/// which needs the three to overlap and the source to be read once.
final class WritePipeline: @unchecked Sendable {
    private struct Chunk: @unchecked Sendable {
        let bytes: UnsafeRawBufferPointer
    }

    private let file: POSIXFile
    private let chunkSize: Int
    private let hashQueue = DispatchQueue(label: "radvault.objectstore.hash")
    private let writeQueue = DispatchQueue(label: "radvault.objectstore.write")
    private let flushQueue = DispatchQueue(label: "radvault.objectstore.flush")
    private let lock = NSLock()
    private var hasher = StreamingHasher()
    private var failure: (any Error)?
    private var unflushed = 0
    private static let flushInterval = 64 << 20

    init(file: POSIXFile, chunkSize: Int) {
        self.file = file
        self.chunkSize = chunkSize
    }

    /// Copies every byte of `source` into the file; returns the digest and size of what was written.
    func run<Source: ByteSource>(from source: inout Source) throws -> (Digest, Int64) {
        let buffers = (0..<2).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 4096)
        }
        let groups = [DispatchGroup(), DispatchGroup()]
        defer {
            groups.forEach { $0.wait() }
            buffers.forEach { $0.deallocate() }
        }
        var slot = 0
        var total: Int64 = 0
        while true {
            groups[slot].wait()
            try rethrowFailure()
            let count = try fill(buffers[slot], from: &source)
            if count == 0 { break }
            total += Int64(count)
            submit(Chunk(bytes: UnsafeRawBufferPointer(rebasing: buffers[slot][0..<count])), group: groups[slot])
            slot ^= 1
        }
        groups.forEach { $0.wait() }
        try rethrowFailure()
        return (lock.withLock { hasher.finalize() }, total)
    }

    private func fill<Source: ByteSource>(_ buffer: UnsafeMutableRawBufferPointer, from source: inout Source) throws
        -> Int
    {
        var count = 0
        while count < buffer.count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if n == 0 { break }
            count += n
        }
        return count
    }

    private func submit(_ chunk: Chunk, group: DispatchGroup) {
        group.enter()
        group.enter()
        hashQueue.async {
            self.lock.withLock { self.hasher.update(chunk.bytes) }
            group.leave()
        }
        writeQueue.async {
            defer { group.leave() }
            do {
                try self.file.writeAll(chunk.bytes)
                self.startWriteBackIfDue(adding: chunk.bytes.count)
            } catch {
                self.lock.withLock { if self.failure == nil { self.failure = error } }
            }
        }
    }

    private func startWriteBackIfDue(adding count: Int) {
        let due: Bool = lock.withLock {
            unflushed += count
            guard unflushed >= Self.flushInterval else { return false }
            unflushed = 0
            return true
        }
        guard due else { return }
        let file = self.file
        flushQueue.async { _ = fdatasync(file.fd) }
    }

    private func rethrowFailure() throws {
        if let error = lock.withLock({ failure }) { throw error }
    }
}
