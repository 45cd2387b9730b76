import Foundation
import RadVaultCore

import enum Crypto.Curve25519

/// Writes `.rvb` bundles (see `BundleFormat`).
public enum BundleWriter {
    /// A file to put in a bundle: its path inside the bundle and where to read it.
    public struct Source: Hashable, Sendable {
        public var path: String
        public var file: URL

        public init(path: String, file: URL) {
            self.path = path
            self.file = file
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        public var entries: Int
        public var bytes: UInt64
        public var indexDigest: Digest
        public var signed: Bool
    }

    /// The sources of an archive folder: `objects/` (all blobs, or only `objects` when given;
    /// a listed object without a blob is refused), the files of `manifests/` (or `manifests`
    /// when given) that a bundle may carry (`BundlePolicy.isAllowedManifestsPath`: the history
    /// and manifest files, not the git config or hooks), and `extra` (e.g. the catalog export).
    /// Symbolic links are refused.
    public static func sources(archiveRoot: URL, objects: [Digest]?, manifests: [Source]? = nil, extra: [Source])
        throws -> [Source]
    {
        var out = extra
        let fm = FileManager.default
        if let objects {
            for d in Set(objects).sorted() {
                let path = BundleIndex.objectPath(d)
                let file = archiveRoot.appendingPathComponent(path)
                guard fm.fileExists(atPath: file.path) else {
                    throw RadVaultError.notFound("bundle create: object \(d) is referenced but missing at \(file.path)")
                }
                out.append(Source(path: path, file: file))
            }
        } else {
            out += try files(under: archiveRoot, relative: "objects/sha256")
        }
        let history = try manifests ?? files(under: archiveRoot, relative: "manifests")
        out += history.filter { BundlePolicy.isAllowedManifestsPath($0.path) }
        return out.sorted { $0.path < $1.path }
    }

    /// Regular files below `root/relative`, refusing symbolic links.
    static func files(under root: URL, relative: String) throws -> [Source] {
        let base = root.appendingPathComponent(relative)
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
        var out: [Source] = []
        while let name = walker.nextObject() as? String {
            let url = base.appendingPathComponent(name)
            let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
            let type = attrs[.type] as? FileAttributeType
            if type == .typeSymbolicLink {
                throw RadVaultError.unsupported(
                    "bundle create: '\(url.path)' is a symbolic link; bundles hold files only")
            }
            if type == .typeRegular { out.append(Source(path: relative + "/" + name, file: url)) }
        }
        return out
    }

    /// Writes a bundle of `sources` to `output` (via a temporary file renamed into place).
    ///
    /// Every source is hashed first (the index precedes the data), then copied; a source that
    /// changes in between is refused.
    @discardableResult
    public static func write(
        _ sources: [Source], requiredObjects: [Digest], to output: URL,
        signingKey: Curve25519.Signing.PrivateKey? = nil, progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> Summary {
        // Two passes over every source: hashing for the index, then copying.
        let reporter = progress?(2 * sources.count)
        defer { reporter?.finish() }
        var entries: [BundleIndex.Entry] = []
        var seen = Set<String>()
        for s in sources {
            guard seen.insert(s.path).inserted else {
                throw RadVaultError.invalidInput("bundle create: duplicate path '\(s.path)'")
            }
            let (digest, size) = try hash(s.file)
            entries.append(BundleIndex.Entry(path: s.path, size: size, sha256: digest.hex))
            reporter?.advance()
        }
        let index = BundleIndex(entries: entries, requiredObjects: requiredObjects.map(\.description).sorted())
        let indexBytes = try CanonicalJSON.bytes(index)
        let indexDigest = Digest.of(indexBytes)
        let temporary = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw RadVaultError.invalidInput(
                "bundle create: cannot write '\(output.path)': its folder is missing or not writable")
        }
        var moved = false
        defer { if !moved { try? FileManager.default.removeItem(at: temporary) } }
        let out = try FileHandle(forWritingTo: temporary)
        defer { try? out.close() }
        var header = BundleFormat.magic + BundleFormat.bigEndian(BundleFormat.version)
        header += BundleFormat.bigEndian(UInt32(0)) + BundleFormat.bigEndian(UInt64(indexBytes.count))
        try out.write(contentsOf: header + indexBytes)
        var total: UInt64 = 0
        for (s, e) in zip(sources, entries) {
            let copied = try copy(s.file, to: out)
            guard copied.hex == e.sha256 else {
                throw RadVaultError(.digestMismatch, "bundle create: '\(s.file.path)' changed while being bundled")
            }
            total += e.size
            reporter?.advance()
        }
        if let signingKey {
            let sig = try Signing.sign(BundleFormat.signedMessage(indexDigest: indexDigest), with: signingKey)
            let sigBytes = try CanonicalJSON.bytes(sig)
            try out.write(
                contentsOf: BundleFormat.signatureMagic + BundleFormat.bigEndian(UInt32(sigBytes.count)) + sigBytes)
        }
        try out.synchronize()
        guard rename(temporary.path, output.path) == 0 else {
            throw RadVaultError.invalidInput("bundle create: cannot move the bundle into place at '\(output.path)'")
        }
        moved = true
        return Summary(entries: entries.count, bytes: total, indexDigest: indexDigest, signed: signingKey != nil)
    }

    static func hash(_ file: URL) throws -> (Digest, UInt64) {
        var source = try FileByteSource(path: file.path)
        let (digest, size) = try source.hashToEnd(chunkSize: 1 << 20)
        return (digest, UInt64(size))
    }

    static func copy(_ file: URL, to out: FileHandle) throws -> Digest {
        let h = try FileHandle(forReadingFrom: file)
        defer { try? h.close() }
        var hasher = StreamingHasher()
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(chunk)
            try out.write(contentsOf: chunk)
        }
        return hasher.finalize()
    }
}
