import ArchiveStore
import Foundation
import RadVaultCore
import RadVaultTestSupport

/// A miniature archive folder (objects, manifests, catalog export) and a bundle crafter for
/// the bundle tests: `craft` writes arbitrary, possibly malicious, index/data/trailer bytes.
struct BundleFixture {
    let root: URL
    let archive: URL
    let objects: [Digest]

    init() throws {
        root = try TestSupport.temporaryDirectory("bundle")
        archive = root.appendingPathComponent("archive")
        var digests: [Digest] = []
        for text in ["scan voxels", "mask voxels", "{\"features\":{}}"] {
            let d = Digest.of(string: text)
            let url = archive.appendingPathComponent(BundleIndex.objectPath(d))
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            digests.append(d)
        }
        objects = digests
        let head = archive.appendingPathComponent("manifests/.git/HEAD")
        try FileManager.default.createDirectory(at: head.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("ref: refs/heads/main\n".utf8).write(to: head)
        try Data("{\"cohort\":\"sts\"}".utf8).write(to: archive.appendingPathComponent("manifests/cohort.json"))
        try Data("{\"catalog\":1}".utf8).write(to: root.appendingPathComponent("catalog.json"))
    }

    func cleanup() { try? FileManager.default.removeItem(at: root) }

    var catalogSource: BundleWriter.Source {
        BundleWriter.Source(path: "catalog.json", file: root.appendingPathComponent("catalog.json"))
    }

    /// Writes a well-formed bundle of the fixture archive.
    func writeBundle(_ name: String = "study.rvb", signingKey: Signing.PrivateKey? = nil) throws -> URL {
        let out = root.appendingPathComponent(name)
        let sources = try BundleWriter.sources(archiveRoot: archive, objects: nil, extra: [catalogSource])
        try BundleWriter.write(sources, requiredObjects: objects, to: out, signingKey: signingKey)
        return out
    }

    /// An index entry for `bytes` at `path`.
    static func entry(_ path: String, _ bytes: [UInt8], type: String = "file") -> (JSONValue, [UInt8]) {
        let e: JSONValue = .object([
            "path": .string(path), "type": .string(type), "size": .int(Int64(bytes.count)),
            "stored_size": .int(Int64(bytes.count)), "method": .string("store"),
            "sha256": .string(Digest.of(bytes).hex),
        ])
        return (e, bytes)
    }

    /// Writes a bundle from raw index entries and data, with an optional trailer.
    func craft(
        _ name: String, entries: [(JSONValue, [UInt8])], required: [Digest] = [], trailer: [UInt8] = [],
        edit: (inout [String: JSONValue]) -> Void = { _ in }
    ) throws -> URL {
        var index: [String: JSONValue] = [
            "format": .string("radvault-bundle"), "version": .int(1), "entries": .array(entries.map(\.0)),
            "required_objects": .array(required.map { .string($0.description) }),
        ]
        edit(&index)
        let indexBytes = CanonicalJSON.bytes(.object(index))
        var bytes = Array("RVBUNDLE".utf8) + [0, 0, 0, 1, 0, 0, 0, 0]
        bytes += withUnsafeBytes(of: UInt64(indexBytes.count).bigEndian) { Array($0) }
        bytes += indexBytes
        for (_, data) in entries { bytes += data }
        bytes += trailer
        let url = root.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// Only the destination folder's parent's entries that are not the fixture's own files.
    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { !$0.hasSuffix(".rvb") && $0 != "archive" && $0 != "catalog.json" && !$0.hasSuffix(".pem") }
            .sorted()
    }
}
