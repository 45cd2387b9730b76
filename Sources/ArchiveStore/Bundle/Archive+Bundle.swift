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
    ///
    /// With `revision`, the bundle is the archive as it stood at that commit: the manifests'
    /// branch points at it, its working files and recorded commits stop there, and tags and
    /// reflogs of later commits are left out, so the opened archive verifies (its HEAD lists
    /// only bundled artifacts).
    @discardableResult
    public func createBundle(
        at output: URL, revision: String? = nil, signingKey: Signing.PrivateKey? = nil,
        progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> BundleWriter.Summary {
        var artifacts = try catalog.artifacts(kind: nil, subject: nil)
        var runs = try catalog.runs()
        var commits = try catalog.manifestCommits()
        let scratch = root.appendingPathComponent("objects/tmp/bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var manifestSources = try BundleWriter.files(under: root, relative: "manifests")
        if let revision {
            let keep = try revisionDigests(revision)
            (artifacts, runs) = Self.closure(artifacts, runs, keep: keep)
            let repository = try manifests()
            let commitID = try repository.resolve(revision)
            guard let at = commits.firstIndex(where: { $0.commitID == commitID }) else {
                throw RadVaultError.notFound(
                    "bundle create --rev \(revision): commit \(commitID) is not a manifest commit in the catalog")
            }
            commits = Array(commits[...at])
            manifestSources = try manifestsAt(
                commitID, repository: repository, commits: Set(commits.map(\.commitID)), sources: manifestSources,
                scratch: scratch)
        }
        let auditLog = try catalog.auditEntries()
        let export = CatalogExport(
            artifacts: artifacts, runs: runs, manifestCommits: commits, auditSize: auditLog.count,
            auditHead: auditLog.last?.hash)
        let digests = Set(artifacts.map(\.digest)).sorted()
        let exportFile = scratch.appendingPathComponent("catalog.json")
        try Data(try CanonicalJSON.bytes(export)).write(to: exportFile)
        let sources = try BundleWriter.sources(
            archiveRoot: root, objects: digests, manifests: manifestSources,
            extra: [BundleWriter.Source(path: "catalog.json", file: exportFile)])
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

    /// The artifacts in `keep`, the runs made only from them, and those runs' outputs.
    static func closure(_ artifacts: [Artifact], _ runs: [RunRecord], keep start: Set<Digest>) -> (
        [Artifact], [RunRecord]
    ) {
        var keep = start
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
        return (artifacts.filter { keep.contains($0.digest) }, included)
    }

    /// The manifests files of a bundle cut at `commitID`: HEAD's branch (or a detached HEAD)
    /// points at it, the working files are its tree, tags of other commits, reflogs and the
    /// index (which describe later states) are left out. Replacement files go to `scratch`.
    func manifestsAt(
        _ commitID: String, repository: GitRepository, commits: Set<String>, sources: [BundleWriter.Source],
        scratch: URL
    ) throws -> [BundleWriter.Source] {
        let headText = String(
            decoding: try Data(contentsOf: root.appendingPathComponent("manifests/.git/HEAD")), as: UTF8.self
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        let headRef = headText.hasPrefix("ref: ") ? "manifests/.git/" + headText.dropFirst(5) : "manifests/.git/HEAD"
        // Only the git objects of REV's history, so that later manifests (names, digests) do not
        // travel with it; when the objects are not all loose, all of them, as before.
        let reachable = try? GitLooseObjects(workingFolder: manifestsPath).reachableObjects(fromCommit: commitID)
        let objectsFolder = "manifests/.git/objects/"
        var out: [BundleWriter.Source] = []
        for s in sources where s.path != headRef && s.path != "manifests/.git/index" {
            if s.path.hasPrefix("manifests/.git/logs/") || !s.path.hasPrefix("manifests/.git/") { continue }
            if let reachable, s.path.hasPrefix(objectsFolder) {
                let id = s.path.dropFirst(objectsFolder.count).replacingOccurrences(of: "/", with: "")
                if id.count == 40, !reachable.contains(id) { continue }
            }
            if s.path.hasPrefix("manifests/.git/refs/tags/") {
                let tag = String(s.path.dropFirst("manifests/.git/".count))
                guard let target = try? repository.resolve(tag), commits.contains(target) else { continue }
            }
            out.append(s)
        }
        var replacements = [headRef: Array((commitID + "\n").utf8)]
        for (file, bytes) in try repository.files(at: commitID) { replacements["manifests/" + file] = bytes }
        for (i, (path, bytes)) in replacements.sorted(by: { $0.key < $1.key }).enumerated() {
            let file = scratch.appendingPathComponent("manifest-\(i)")
            try Data(bytes).write(to: file)
            out.append(BundleWriter.Source(path: path, file: file))
        }
        return out
    }

    /// Opens a bundle into a new archive at `destination`: every digest (and the signature, with
    /// `trust`) is checked, the catalog is rebuilt and cross-checked as `verify` would (catalog ↔
    /// manifests ↔ blobs ↔ audit chain), and only then does the archive appear.
    public static func openBundle(
        _ bundle: URL, into destination: URL, trust: Signing.PublicKey? = nil, agent: String = defaultAgent(),
        limits: BundleLimits = .standard, progress: ((Int) -> ProgressReporter)? = nil
    ) throws -> (archive: Archive, contents: BundleReader.Contents) {
        let contents = try BundleReader.open(
            bundle, into: destination, trust: trust, limits: limits, progress: progress
        ) { folder, c in
            try importCatalog(into: folder, bundle: bundle, contents: c, agent: agent)
            try checkImported(folder, bundle: bundle, contents: c, agent: agent)
        }
        return (try open(at: destination.path, agent: agent), contents)
    }

    /// The git configuration an opened bundle gets: libgit2's defaults. A bundle never carries
    /// its own (`BundlePolicy`), since a configuration can name commands for git to run.
    static let openedGitConfig = """
        [core]
        \trepositoryformatversion = 0
        \tfilemode = true
        \tbare = false
        \tlogallrefupdates = true

        """

    /// Refuses an imported archive that `verify` would fault: a catalog commit missing from the
    /// manifests, a HEAD manifest entry the catalog lacks, a blob of another size than its
    /// row, a bundled object no row names, a HEAD manifest file outside `cohort.json` and
    /// `subjects/`, or an unreadable run table.
    static func checkImported(_ folder: URL, bundle: URL, contents: BundleReader.Contents, agent: String) throws {
        let staged = try open(at: folder.path, agent: agent)
        let artifacts = try staged.catalog.artifacts(kind: nil, subject: nil)
        let sizes = Dictionary(contents.index.entries.map { ($0.path, $0.size) }, uniquingKeysWith: { a, _ in a })
        var problems: [Problem] = []
        for a in artifacts {
            let size = sizes[BundleIndex.objectPath(a.digest)]
            if size.flatMap(Int64.init(exactly:)) != a.size {
                problems.append(
                    Problem(
                        kind: Problem.Kind.sizeMismatch, object: a.digest.description,
                        detail:
                            "catalog.json says \(a.size) bytes, the bundled object has \(size.map(String.init) ?? "none")"
                    ))
            }
        }
        problems += try ObjectInventory(staged.objects).problems(
            catalogued: Set(artifacts.map(\.digest)), in: staged.objects)
        problems += try staged.readManifests().problems(artifacts)
        problems += try staged.walkAudit().problems(artifacts)
        problems += staged.verifyRuns()
        let repository = try staged.manifests()
        if let head = try repository.head() {
            for path in try repository.files(at: head).keys.sorted() where !BundlePolicy.isManifestFile(path) {
                problems.append(
                    Problem(
                        kind: Problem.Kind.manifestMismatch, object: "manifests/\(path)",
                        detail: "the HEAD tree holds a file other than cohort.json and subjects/<subject>.json"))
            }
        }
        guard let first = problems.first else { return }
        throw RadVaultError.corrupt(
            "bundle '\(bundle.path)': the archive it holds does not verify: \(first.kind) \(first.object): "
                + first.detail + (problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""))
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
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("objects/tmp"), withIntermediateDirectories: true)
        try fm.createDirectory(at: folder.appendingPathComponent("objects/sha256"), withIntermediateDirectories: true)
        let git = folder.appendingPathComponent("manifests/.git")
        guard fm.fileExists(atPath: git.appendingPathComponent("HEAD").path) else {
            throw RadVaultError.notFound(
                "bundle '\(bundle.path)': no manifests/.git/HEAD entry (the manifests history)")
        }
        try Data(openedGitConfig.utf8).write(to: git.appendingPathComponent("config"))
        // Bundles carry files only: the folders git needs to see a repository (empty before the
        // first commit) are made here.
        for sub in ["objects", "refs/heads", "refs/tags"] {
            try fm.createDirectory(at: git.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for a in export.artifacts
        where !fm.fileExists(atPath: folder.appendingPathComponent(BundleIndex.objectPath(a.digest)).path) {
            throw RadVaultError.notFound(
                "bundle '\(bundle.path)': catalog.json lists artifact \(a.digest) (\(a.kind.rawValue) \(a.name)), "
                    + "but the bundle has no \(BundleIndex.objectPath(a.digest)) entry")
        }
        // A subject names a manifest file (`subjects/<subject>.json`): one like '../x' would be
        // written outside the archive by the next `commit`.
        for a in export.artifacts {
            guard let subject = a.subject else { continue }
            do {
                try validateSubject(subject)
            } catch {
                throw RadVaultError(
                    .invalidInput, "bundle '\(bundle.path)': catalog.json artifact \(a.digest): \(error)")
            }
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
