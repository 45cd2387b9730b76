import Foundation
import RadVaultCore

/// The catalog content carried by a bundle (`catalog.json`): artifacts, runs, manifest commits
/// and where the source archive's audit chain stood.
public struct CatalogExport: Codable, Sendable {
    public var format = "radvault-catalog-export"
    public var version = 1
    public var artifacts: [Artifact]
    public var runs: [RunRecord]
    public var manifestCommits: [ManifestCommit]
    /// Size and last hash of the source archive's audit chain when the bundle was made.
    public var auditSize: Int
    public var auditHead: Digest?

    enum CodingKeys: String, CodingKey {
        case format, version, artifacts, runs
        case manifestCommits = "manifest_commits"
        case auditSize = "audit_size"
        case auditHead = "audit_head"
    }
}

extension Archive {
    /// Writes a bundle of this archive: objects (all, or those reachable from `revision`),
    /// the catalog export and the manifests history; signed when a key is given.
    @discardableResult
    public func createBundle(
        at output: URL, revision: String? = nil, signingKey: Signing.PrivateKey? = nil,
        progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> BundleWriter.Summary {
        var artifacts = try catalog.artifacts(kind: nil, subject: nil)
        var runs = try catalog.runs()
        if let revision {
            var keep = Set(
                try Manifest.entries(from: manifests().files(at: revision), revision: revision)
                    .values.flatMap { $0.map(\.digest) })
            var included: [RunRecord] = []
            var changed = true
            while changed {
                changed = false
                for r in runs
                where !included.contains(r) && r.inputs.allSatisfy({ keep.contains($0.digest) })
                    && (r.params.map { keep.contains($0) } ?? true)
                {
                    included.append(r)
                    for o in r.outputs where keep.insert(o.digest).inserted { changed = true }
                }
            }
            artifacts = artifacts.filter { keep.contains($0.digest) }
            runs = included
        }
        let auditLog = try catalog.auditEntries()
        let export = CatalogExport(
            artifacts: artifacts, runs: runs, manifestCommits: try catalog.manifestCommits(),
            auditSize: auditLog.count, auditHead: auditLog.last?.hash)
        let digests = Set(artifacts.map(\.digest)).sorted()
        let temporary = root.appendingPathComponent("objects/tmp/catalog-export-\(UUID().uuidString).json")
        try Data(try CanonicalJSON.bytes(export)).write(to: temporary)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let sources = try BundleWriter.sources(
            archiveRoot: root, objects: digests, extra: [BundleWriter.Source(path: "catalog.json", file: temporary)])
        let summary = try BundleWriter.write(
            sources, requiredObjects: digests, to: output, signingKey: signingKey, progress: progress)
        try catalog.appendAudit(
            audit(
                "bundle.create",
                [
                    "bundle_index": .string(summary.indexDigest.description), "entries": .int(Int64(summary.entries)),
                    "revision": revision.map(JSONValue.string) ?? .null, "signed": .bool(summary.signed),
                ]))
        return summary
    }

    /// Opens a bundle into a new archive at `destination`: every digest (and the signature, with
    /// `trust`) is checked, the catalog is rebuilt, and only then does the archive appear.
    public static func openBundle(
        _ bundle: URL, into destination: URL, trust: Signing.PublicKey? = nil, agent: String = defaultAgent(),
        limits: BundleLimits = .standard, progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> (archive: Archive, contents: BundleReader.Contents) {
        let contents = try BundleReader.open(
            bundle, into: destination, trust: trust, limits: limits, progress: progress
        ) { folder, c in
            try importCatalog(into: folder, bundle: bundle, contents: c, agent: agent)
        }
        return (try open(at: destination.path, agent: agent), contents)
    }

    static func importCatalog(into folder: URL, bundle: URL, contents: BundleReader.Contents, agent: String) throws {
        let exportURL = folder.appendingPathComponent("catalog.json")
        guard let data = FileManager.default.contents(atPath: exportURL.path) else {
            throw RadVaultError.notFound("bundle '\(bundle.path)': no catalog.json entry")
        }
        let export: CatalogExport
        do {
            export = try CanonicalJSON.decode(CatalogExport.self, from: data)
        } catch {
            throw RadVaultError(.corrupt, "bundle '\(bundle.path)': catalog.json is not a catalog export", cause: error)
        }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("objects/tmp"), withIntermediateDirectories: true)
        let objectsOK = export.artifacts.allSatisfy {
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(BundleIndex.objectPath($0.digest)).path)
        }
        guard objectsOK else {
            throw RadVaultError.notFound("bundle '\(bundle.path)': an artifact's object is missing")
        }
        let catalog = try SQLiteCatalog(path: folder.appendingPathComponent(catalogFile).path)
        let intent = { (action: String, payload: JSONValue) in
            AuditIntent(agent: agent, action: action, payload: payload)
        }
        try catalog.appendAudit(intent("archive.init", .object(["format": .string(Manifest.format)])))
        // The same actions (and payloads) as the original mutations, so `verify` cross-checks them.
        let origin = JSONValue.string(contents.indexDigest.description)
        for a in export.artifacts {
            var payload = try CanonicalJSON.jsonValue(a).objectValue ?? [:]
            payload["imported_from_bundle"] = origin
            _ = try catalog.insertArtifact(a, audit: intent("artifact.add", .object(payload)))
        }
        for r in export.runs {
            var payload = try CanonicalJSON.jsonValue(r).objectValue ?? [:]
            payload["imported_from_bundle"] = origin
            _ = try catalog.insertRun(r, audit: intent("run.record", .object(payload)))
        }
        for m in export.manifestCommits {
            let payload: JSONValue = .object([
                "commit": .string(m.commitID), "message": .string(m.message),
                "tag": m.tag.map(JSONValue.string) ?? .null, "imported_from_bundle": origin,
            ])
            try catalog.insertManifestCommit(m, audit: intent("manifest.commit", payload))
        }
        var payload: [String: JSONValue] = [
            "bundle_index": .string(contents.indexDigest.description),
            "source_audit_size": .int(Int64(export.auditSize)),
            "source_audit_head": export.auditHead.map { .string($0.description) } ?? .null,
            "signature_verified": .bool(contents.verified),
        ]
        if let s = contents.signature { payload["signed_by"] = .string(Signing.keyID(s.publicKey)) }
        try catalog.appendAudit(intent("bundle.open", .object(payload)))
        try FileManager.default.removeItem(at: exportURL)
    }
}

extension Archive {
    /// Digests of every artifact in the manifests at `revision` (commit id, tag, HEAD~N).
    public func revisionDigests(_ revision: String) throws -> Set<Digest> {
        Set(
            try Manifest.entries(from: manifests().files(at: revision), revision: revision).values.flatMap {
                $0.map(\.digest)
            })
    }
}
