import Foundation
import RadVaultCore

/// Adding and finding artifacts.
extension Archive {
    /// Streams a file into the archive and catalogues it; adding the same bytes again returns the
    /// existing artifact. A mask with `image` must lie on its scan's grid (see `put(source:…)`).
    ///
    /// - Parameters:
    ///   - name: how manifests list it; defaults to the file's name.
    ///   - image: the grid, for scans and masks (read by the caller, e.g. through Imaging).
    @discardableResult
    public func put(
        file path: String, kind: ArtifactKind, subject: String? = nil, mediaType: String? = nil,
        metadata: [String: JSONValue] = [:], image: ImageMetadata? = nil, name: String? = nil
    ) throws -> Artifact {
        var source = try FileByteSource(path: path)
        guard try source.size() > 0 else {
            throw RadVaultError.invalidInput("\(path): empty file, expected the bytes of a \(kind.rawValue)")
        }
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        return try put(
            source: &source, kind: kind, subject: subject, mediaType: mediaType ?? MediaType.guess(fileName: fileName),
            metadata: metadata, image: image, name: name ?? fileName)
    }

    /// Stores bytes held in memory (parameters, results, reports) and catalogues them.
    @discardableResult
    public func put(
        bytes: [UInt8], kind: ArtifactKind, subject: String? = nil, mediaType: String = "application/json",
        metadata: [String: JSONValue] = [:], image: ImageMetadata? = nil, name: String? = nil
    ) throws -> Artifact {
        guard !bytes.isEmpty else {
            throw RadVaultError.invalidInput("\(kind.rawValue) bytes: empty, expected at least one byte")
        }
        var source = BufferByteSource(bytes: bytes, description: "<\(kind.rawValue) bytes>")
        return try put(
            source: &source, kind: kind, subject: subject, mediaType: mediaType, metadata: metadata, image: image,
            name: name ?? Digest.of(bytes).short)
    }

    /// The common path: validate, check a mask's grid, stream the blob, catalogue it with its audit entry.
    func put<Source: ByteSource>(
        source: inout Source, kind: ArtifactKind, subject: String?, mediaType: String,
        metadata: [String: JSONValue], image: ImageMetadata?, name: String
    ) throws -> Artifact {
        let origin = source.sourceDescription
        if let subject { try Self.validateSubject(subject) }
        if kind.isImage && subject == nil {
            throw RadVaultError.invalidInput("\(origin): a \(kind.rawValue) needs a subject, expected --subject ID")
        }
        var metadata = metadata
        if kind == .mask, let image, let subject {
            let scan = try scanForMask(origin: origin, subject: subject, requested: metadata["scan"]?.stringValue)
            try Self.checkGrid(mask: image, origin: origin, scan: scan)
            metadata["scan"] = .string(scan.digest.description)
        }
        let stored = try objects.write(from: &source)
        let artifact = Artifact(
            digest: stored.digest, kind: kind, mediaType: mediaType, size: stored.size, createdAt: ISOTime.now(),
            subject: subject, name: name, metadata: .object(metadata), image: image)
        let payload = try CanonicalJSON.jsonValue(artifact)
        let (result, inserted) = try catalog.insertArtifact(
            artifact, audit: AuditIntent(agent: agent, action: "artifact.add", payload: payload))
        if !inserted && (result.kind != kind || result.subject != subject) {
            throw RadVaultError(
                .alreadyExists,
                "\(origin): these bytes are already stored as \(result.kind.rawValue) \(result.digest)"
                    + (result.subject.map { " of subject \($0)" } ?? "")
                    + ", expected new bytes for a \(kind.rawValue)" + (subject.map { " of subject \($0)" } ?? ""))
        }
        return result
    }

    /// Subject IDs name manifest files, so they are restricted to a safe alphabet.
    static func validateSubject(_ subject: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !subject.isEmpty, subject.count <= 128, subject.first != ".", subject.allSatisfy(allowed.contains) else {
            throw RadVaultError.invalidInput(
                "subject '\(subject)': expected 1–128 letters, digits, '.', '_' or '-' (not starting with '.')")
        }
    }

    /// The scan a mask belongs to: the one named, else the subject's only scan.
    func scanForMask(origin: String, subject: String, requested: String?) throws -> Artifact {
        if let requested {
            let scan = try artifact(requested)
            guard scan.kind == .scan, scan.subject == subject else {
                throw RadVaultError.invalidInput(
                    "\(origin): --scan \(requested) is a \(scan.kind.rawValue) of subject \(scan.subject ?? "(none)"), "
                        + "expected a scan of subject \(subject)")
            }
            return scan
        }
        let scans = try catalog.artifacts(kind: .scan, subject: subject)
        guard let only = scans.first else {
            throw RadVaultError.invalidInput(
                "\(origin): subject \(subject) has no scan, expected the scan added first (or --scan DIGEST)")
        }
        guard scans.count == 1 else {
            let list = scans.map(\.digest.short).joined(separator: ", ")
            throw RadVaultError.invalidInput(
                "\(origin): subject \(subject) has \(scans.count) scans (\(list)), expected --scan DIGEST")
        }
        return only
    }

    /// A mask must share its scan's grid: same dimensions, affine equal within 1e-4.
    static func checkGrid(mask: ImageMetadata, origin: String, scan: Artifact) throws {
        guard let scanGrid = scan.image else {
            throw RadVaultError.invalidInput("\(origin): scan \(scan.digest) has no recorded grid, expected an image")
        }
        guard mask.isOnGrid(of: scanGrid) else {
            throw RadVaultError.invalidInput(
                "\(origin): mask is not on its scan's grid, expected the same dimensions and affine within 1e-4; "
                    + "mask: \(mask.gridDescription); scan \(scan.digest.short): \(scanGrid.gridDescription)")
        }
    }

    /// The artifact with this digest or unique prefix (8+ hex digits, `sha256:` optional).
    public func artifact(_ digestOrPrefix: String) throws -> Artifact {
        let prefix = try Digest.normalisePrefix(digestOrPrefix)
        let matches = try catalog.artifacts(hexPrefix: prefix, limit: 6)
        guard let first = matches.first else {
            throw RadVaultError.notFound("digest '\(digestOrPrefix)': no artifact in this archive starts with it")
        }
        guard matches.count == 1 else {
            let list = matches.prefix(5).map(\.digest.description).joined(separator: ", ")
            throw RadVaultError.invalidInput(
                "digest prefix '\(digestOrPrefix)' is ambiguous: matches \(list)\(matches.count > 5 ? ", …" : ""); "
                    + "expected more digits")
        }
        return first
    }

    /// All artifacts, optionally of one kind, oldest first.
    public func artifacts(kind: ArtifactKind? = nil) throws -> [Artifact] {
        try catalog.artifacts(kind: kind, subject: nil)
    }

    /// All artifacts of one subject, optionally of one kind.
    public func artifacts(subject: String, kind: ArtifactKind? = nil) throws -> [Artifact] {
        try catalog.artifacts(kind: kind, subject: subject)
    }

    /// Subject IDs, sorted.
    public func subjects() throws -> [String] { try catalog.subjects() }

    /// The bytes of a stored blob, whole (for small artifacts; use `reader(for:)` for large ones).
    public func read(_ digest: Digest) throws -> Data { Data(try objects.readAll(digest)) }

    /// A streaming reader over a stored blob.
    public func reader(for digest: Digest) throws -> any ObjectReader { try objects.reader(for: digest) }
}
