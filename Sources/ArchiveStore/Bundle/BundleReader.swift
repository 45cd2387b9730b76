import Foundation
import RadVaultCore

import enum Crypto.Curve25519

/// Opens `.rvb` bundles: checks everything, then makes the content visible in one rename.
///
/// Order of checks (all before anything appears in DEST): header (magic, version, flags 0);
/// index size and JSON; each entry's path (no `..`, no absolute path, no empty or `.`
/// component, only `objects/`, `manifests/` and `catalog.json`; under `manifests/` only the
/// manifest files and the git history, never a git config, hook or alternates file), type
/// (regular file only, so no symbolic link), duplicates, sizes and expansion ratio against
/// `BundleLimits`; the file length; every required object present; the signature when a
/// trusted key is given. Then entries are extracted into a temporary folder beside DEST, each
/// re-hashed against the index (and each object against the digest its path names); `prepare`
/// (the archive adapter: catalog import and cross-checks) runs on that folder; only when all
/// pass is the folder renamed to DEST. Any refusal removes the temporary folder and the
/// folders made for DEST, so nothing is left behind and an empty DEST stays as it was.
public enum BundleReader {
    /// What an inspected bundle holds.
    public struct Contents: Sendable {
        public var index: BundleIndex
        public var indexDigest: Digest
        /// The signature trailer, if any.
        public var signature: DetachedSignature?
        /// Whether the signature was checked against a trusted key.
        public var verified: Bool
        let dataStart: UInt64
        let offsets: [UInt64]
    }

    /// Reads and checks the header, index, limits, required objects and (with `trust`) the
    /// signature, without extracting anything.
    public static func inspect(
        _ bundle: URL, trust: Curve25519.Signing.PublicKey? = nil, limits: BundleLimits = .standard
    ) throws -> Contents {
        let name = "bundle '\(bundle.path)'"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle.path, isDirectory: &isFolder), !isFolder.boolValue,
            let h = FileHandle(forReadingAtPath: bundle.path)
        else {
            throw RadVaultError.notFound("\(name): cannot be read, expected an existing .rvb file")
        }
        defer { try? h.close() }
        let fileSize = try h.seekToEnd()
        let (index, indexBytes) = try readIndex(h, fileSize: fileSize, limits: limits, bundle: name)
        let indexLength = UInt64(indexBytes.count)
        let offsets = try BundlePolicy.check(index, limits: limits, bundle: name)
        let dataStart = UInt64(BundleFormat.headerSize) + indexLength
        let dataLength = offsets.last ?? 0
        // Overflow-checked: custom limits may allow totals near UInt64.max.
        let (dataEnd, overflow) = dataStart.addingReportingOverflow(dataLength)
        guard !overflow, dataEnd <= fileSize else {
            throw RadVaultError.corrupt(
                "\(name): truncated — the entries need \(dataLength) bytes after the index, the file has "
                    + "\(fileSize - dataStart)")
        }
        let trailerLength = fileSize - dataEnd
        guard trailerLength <= 12 + UInt64(BundlePolicy.maxSignatureBytes) else {
            throw RadVaultError.corrupt("\(name): \(trailerLength) unexpected bytes after the entries")
        }
        try h.seek(toOffset: dataEnd)
        let trailer = try h.readToEnd() ?? Data()
        let signature = try BundlePolicy.signature(Array(trailer), bundle: name)
        let indexDigest = Digest.of(indexBytes)
        if let trust {
            guard let signature else {
                throw RadVaultError.corrupt("\(name): not signed, but a trusted key was given (--trust)")
            }
            try Signing.verify(
                signature, message: BundleFormat.signedMessage(indexDigest: indexDigest), trusted: trust, subject: name)
        }
        return Contents(
            index: index, indexDigest: indexDigest, signature: signature, verified: trust != nil,
            dataStart: dataStart, offsets: Array(offsets.dropLast()))
    }

    /// Checks `bundle` and extracts it into `destination` (which must not exist, or be an empty folder).
    ///
    /// `prepare` runs on the fully checked temporary folder before it is renamed into place (the
    /// archive adapter builds the catalog there); an error from it also leaves nothing behind.
    @discardableResult
    public static func open(
        _ bundle: URL, into destination: URL, trust: Curve25519.Signing.PublicKey? = nil,
        limits: BundleLimits = .standard, progress: ((Int) -> ProgressReporter)? = nil,
        prepare: (URL, Contents) throws -> Void = { _, _ in }
    ) throws -> Contents {
        let fm = FileManager.default
        let dest = destination.standardizedFileURL
        if let items = try? fm.contentsOfDirectory(atPath: dest.path), !items.isEmpty {
            throw RadVaultError(.alreadyExists, "bundle open: destination '\(dest.path)' exists and is not empty")
        } else if fm.fileExists(atPath: dest.path), (try? fm.contentsOfDirectory(atPath: dest.path)) == nil {
            throw RadVaultError(.alreadyExists, "bundle open: destination '\(dest.path)' exists and is a file")
        }
        let contents = try inspect(bundle, trust: trust, limits: limits)
        let parent = dest.deletingLastPathComponent()
        let temporary = parent.appendingPathComponent(".\(dest.lastPathComponent).rvb-partial-\(UUID().uuidString)")
        // The missing folders above DEST, deepest first: a refusal removes them again.
        var missing: [URL] = []
        var folder = parent
        while !fm.fileExists(atPath: folder.path), folder.path != folder.deletingLastPathComponent().path {
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        var moved = false
        defer {
            if !moved {
                try? fm.removeItem(at: temporary)
                for created in missing { _ = rmdir(created.path) }
            }
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
        } catch {
            throw RadVaultError(
                .invalidInput, "bundle open: cannot create a folder in '\(parent.path)' (not a writable folder)",
                cause: error)
        }
        let reporter = progress?(contents.index.entries.count)
        do {
            try extract(bundle, contents, into: temporary, progress: reporter)
            reporter?.finish()
            try prepare(temporary, contents)
        } catch let error as RadVaultError {
            throw error
        } catch {
            // A file-system error (disk full, a folder removed underneath) named in our terms.
            throw RadVaultError(
                .invalidInput, "bundle open: cannot write the archive beside '\(dest.path)'", cause: error)
        }
        // rename(2) replaces an empty folder atomically, so an empty DEST is never removed first.
        guard rename(temporary.path, dest.path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw RadVaultError.invalidInput(
                "bundle open: cannot move the extracted archive to '\(dest.path)' (\(reason))")
        }
        moved = true
        return contents
    }

    /// Reads the header and the index JSON, within the index size limit.
    static func readIndex(_ h: FileHandle, fileSize: UInt64, limits: BundleLimits, bundle name: String) throws
        -> (BundleIndex, Data)
    {
        try h.seek(toOffset: 0)
        let header = Array(try h.read(upToCount: BundleFormat.headerSize) ?? Data())
        guard header.count == BundleFormat.headerSize, Array(header[0..<8]) == BundleFormat.magic else {
            throw RadVaultError.corrupt("\(name): not a RadVault bundle (expected the magic 'RVBUNDLE')")
        }
        let version = BundleFormat.readBigEndian(header[8..<12], as: UInt32.self)
        guard version == BundleFormat.version else {
            throw RadVaultError.unsupported("\(name): format version \(version), expected \(BundleFormat.version)")
        }
        // The header is not signed: a flag that could change how the rest is read is refused.
        let flags = BundleFormat.readBigEndian(header[12..<16], as: UInt32.self)
        guard flags == 0 else {
            throw RadVaultError.unsupported("\(name): header flags \(flags), expected 0 (version 1 defines none)")
        }
        let indexLength = BundleFormat.readBigEndian(header[16..<24], as: UInt64.self)
        guard indexLength <= UInt64(limits.maxIndexBytes), indexLength <= fileSize - UInt64(BundleFormat.headerSize)
        else {
            throw RadVaultError.corrupt(
                "\(name): index of \(indexLength) bytes is beyond the limit of \(limits.maxIndexBytes) bytes "
                    + "or the file size")
        }
        let indexBytes = try h.read(upToCount: Int(indexLength)) ?? Data()
        do {
            return (try CanonicalJSON.decode(BundleIndex.self, from: indexBytes), indexBytes)
        } catch {
            throw RadVaultError(.corrupt, "\(name): the index is not valid bundle JSON", cause: error)
        }
    }

    static func extract(_ bundle: URL, _ contents: Contents, into folder: URL, progress: ProgressReporter? = nil)
        throws
    {
        let name = "bundle '\(bundle.path)'"
        let h = try FileHandle(forReadingFrom: bundle)
        defer { try? h.close() }
        let fm = FileManager.default
        for (entry, offset) in zip(contents.index.entries, contents.offsets) {
            let target = folder.appendingPathComponent(entry.path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: target.path, contents: nil) else {
                throw RadVaultError.invalidInput("\(name): cannot create '\(target.path)'")
            }
            let out = try FileHandle(forWritingTo: target)
            defer { try? out.close() }
            try h.seek(toOffset: contents.dataStart + offset)
            var hasher = StreamingHasher()
            var remaining = entry.storedSize
            while remaining > 0 {
                let chunk = try h.read(upToCount: Int(min(remaining, 1 << 20))) ?? Data()
                guard !chunk.isEmpty else { throw RadVaultError.corrupt("\(name): entry '\(entry.path)' is truncated") }
                hasher.update(chunk)
                try out.write(contentsOf: chunk)
                remaining -= UInt64(chunk.count)
            }
            let actual = hasher.finalize()
            guard actual.hex == entry.sha256 else {
                throw RadVaultError(
                    .digestMismatch,
                    "\(name): entry '\(entry.path)' hashes to \(actual), the index says sha256:\(entry.sha256)")
            }
            if entry.path.hasPrefix("objects/") { _ = chmod(target.path, 0o444) }
            progress?.advance()
        }
    }
}
