import Foundation
import RadVaultCore

/// What a replay needs to know about a recorded run (a thin view of the archive's run record).
public struct RecordedRun: Hashable, Sendable {
    /// The run id: the digest of the canonical spec.
    public var id: String
    public var kind: String
    public var executorName: String
    public var executorVersion: String
    /// Input role → digest.
    public var inputs: [String: Digest]
    /// The parameter artifact's digest (nil: the executor gets empty parameter bytes).
    public var params: Digest?
    /// Output role → digest.
    public var outputs: [String: Digest]

    public init(
        id: String, kind: String, executorName: String, executorVersion: String, inputs: [String: Digest],
        params: Digest?, outputs: [String: Digest]
    ) {
        self.id = id
        self.kind = kind
        self.executorName = executorName
        self.executorVersion = executorVersion
        self.inputs = inputs
        self.params = params
        self.outputs = outputs
    }
}

/// Read access to stored blobs by digest (the archive's object store behind an adapter).
///
/// A missing blob throws `RadVaultError` with code `.notFound`; the replayer re-hashes
/// whatever it receives, so a source need not verify.
public protocol BlobSource: Sendable {
    func bytes(of digest: Digest) throws -> Data
}

/// A blob source held in memory (tests, and small studies assembled on the fly).
public struct InMemoryBlobSource: BlobSource {
    public var blobs: [Digest: Data]

    public init(_ blobs: [Digest: Data] = [:]) { self.blobs = blobs }

    /// Stores `data` and returns its digest.
    @discardableResult
    public mutating func put(_ data: Data) -> Digest {
        let d = Digest.of(data)
        blobs[d] = data
        return d
    }

    public func bytes(of digest: Digest) throws -> Data {
        guard let b = blobs[digest] else { throw RadVaultError.notFound("object \(digest): not in the store") }
        return b
    }
}
