import Foundation
import RadVaultCore

/// `verify`: blobs ↔ catalog ↔ manifests ↔ audit chain.
extension Archive {
    /// Re-hashes every blob and cross-checks catalog, manifests and audit chain; empty when clean.
    /// `progress`, given the number of blobs, makes the reporter advanced once per blob.
    ///
    /// The checks run side by side, but the report and the error thrown, if any, are the same as
    /// running them one after the other: blobs in catalog order, orphan blobs and stray files,
    /// manifests, audit chain, runs. What needs no artifact list (the manifests read from git,
    /// the audit chain, the runs, the object listing, and decoding every artifact row in full)
    /// starts on other threads at once, while this thread reads the rows' identities; the blobs
    /// are then hashed on up to four workers.
    public func verify(progress: ((Int) -> ProgressReporter)? = nil) throws -> [Problem] {
        let fullRows = BackgroundWork { try self.catalog.artifacts(kind: nil, subject: nil).count }
        let manifests = BackgroundWork { try self.readManifests() }
        let catalogChecks = BackgroundWork { try CatalogChecks(self) }
        // All are waited for on every path: nothing of a verify outlives it.
        defer { _ = (fullRows.result, manifests.result, catalogChecks.result) }
        let artifacts = try artifactIdentities(orErrorOf: fullRows)
        let reporter = progress?(artifacts.count)
        defer { reporter?.finish() }
        let blobs = Result { try rehashAll(artifacts, progress: reporter) }
        // A row that does not decode fails `verify` first, as when the rows were read in full here.
        _ = try fullRows.result.get()
        var problems = try blobs.get()
        let checks = try catalogChecks.result.get()
        problems += try checks.inventory.get().problems(catalogued: Set(artifacts.map(\.digest)), in: objects)
        problems += try manifests.result.get().problems(artifacts)
        problems += try checks.audit.get().problems(artifacts)
        problems += checks.runs
        return problems
    }

    /// The artifacts' identities (the SQLite catalog reads only those columns; another catalog
    /// lists the artifacts in full). When they cannot be read, the full decoding of the rows
    /// (`fullRows`) decides the error: the one `artifacts(kind:subject:)` would throw.
    func artifactIdentities(orErrorOf fullRows: BackgroundWork<Int>) throws -> [Artifact] {
        guard let sqlite = catalog as? SQLiteCatalog else { return try catalog.artifacts(kind: nil, subject: nil) }
        do {
            return try sqlite.artifactIdentities()
        } catch {
            _ = try fullRows.result.get()
            throw error
        }
    }

    /// Re-hashes every catalogued blob on up to four workers (hashing is the floor of `verify`;
    /// blob i goes to worker i mod workers and problems come back in catalog order).
    func rehashAll(_ artifacts: [Artifact], progress: ProgressReporter?) throws -> [Problem] {
        let workers = min(4, ProcessInfo.processInfo.activeProcessorCount)
        let store = objects
        let local = objects as? LocalObjectStore
        return try OrderedParallel.tryMap(count: artifacts.count, workers: workers) { i in
            defer { progress?.advance() }
            return try Self.check(artifacts[i], in: store, local: local)
        }.compactMap { $0 }
    }

    /// The problem with one catalogued blob, if any.
    static func check(_ artifact: Artifact, in objects: any ObjectStore, local: LocalObjectStore?) throws -> Problem? {
        let digest = artifact.digest
        let present: (digest: Digest, size: Int64)?
        if let local {
            // One open per blob instead of an existence check, a stat and an open.
            present = try local.rehashIfPresent(digest)
        } else {
            present = objects.contains(digest) ? try objects.rehash(digest) : nil
        }
        guard let actual = present else {
            return Problem(
                kind: Problem.Kind.missingBlob, object: digest.description,
                detail: "catalog row (\(artifact.kind.rawValue) \(artifact.name)) has no blob at "
                    + objects.location(of: digest))
        }
        if actual.digest != digest {
            return Problem(
                kind: Problem.Kind.digestMismatch, object: digest.description,
                detail: "blob bytes hash to \(actual.digest), expected its name (a byte changed)")
        }
        if actual.size != artifact.size {
            return Problem(
                kind: Problem.Kind.sizeMismatch, object: digest.description,
                detail: "blob has \(actual.size) bytes, catalog says \(artifact.size)")
        }
        return nil
    }

    /// The manifests side of `verify` that needs no artifact list: catalog commits missing from
    /// git, and HEAD's manifest entries.
    ///
    /// Read from the loose git objects directly when they answer everything (`GitLooseObjects`),
    /// else with libgit2; the outcome is the same, only libgit2 is not loaded.
    func readManifests() throws -> ManifestsRead {
        let commits = try catalog.manifestCommits().map(\.commitID)
        let history: ManifestHistory
        do {
            history = try Self.looseHistory(GitLooseObjects(workingFolder: manifestsPath), commits: commits)
        } catch is GitLooseObjects.Unsupported {
            history = try Self.libgit2History(try manifests(), commits: commits)
        }
        let problems = history.missingCommits.map { commit in
            Problem(
                kind: Problem.Kind.manifestMismatch, object: "commit \(commit)",
                detail: "recorded in the catalog but missing from manifests/ git history")
        }
        guard let (head, files) = history.head else { return ManifestsRead(commitProblems: problems, head: nil) }
        return ManifestsRead(commitProblems: problems, head: (head, try Manifest.entries(from: files, revision: head)))
    }

    /// The catalog commits missing from git, and HEAD with its files, read by libgit2.
    static func libgit2History(_ repository: GitRepository, commits: [String]) throws -> ManifestHistory {
        let missing = commits.filter { (try? repository.resolve($0)) == nil }
        guard let head = try repository.head() else { return ManifestHistory(missingCommits: missing, head: nil) }
        return ManifestHistory(missingCommits: missing, head: (head, try repository.files(at: head)))
    }

    /// The same from the loose objects; `GitLooseObjects.Unsupported` when any commit is not
    /// found there (libgit2 then decides whether it is missing).
    static func looseHistory(_ loose: GitLooseObjects, commits: [String]) throws -> ManifestHistory {
        for commit in commits { try loose.requireCommit(commit) }
        guard let head = try loose.head() else { return ManifestHistory(missingCommits: [], head: nil) }
        return ManifestHistory(missingCommits: [], head: (head, try loose.files(atCommit: head)))
    }

    /// The audit chain walked once: broken links and the digests that have an `artifact.add` entry.
    func walkAudit() throws -> AuditWalk {
        var problems: [Problem] = []
        var previous: AuditEntry?
        var audited = Set<String>()
        for entry in try catalog.auditEntries() {
            for detail in entry.chainProblems(after: previous) {
                problems.append(
                    Problem(kind: Problem.Kind.auditChain, object: "audit seq \(entry.seq)", detail: detail))
            }
            if entry.action == "artifact.add",
                let digest = (try? CanonicalJSON.parse(Array(entry.payload.utf8)))?["digest"]?.stringValue
            {
                audited.insert(digest)
            }
            previous = entry
        }
        return AuditWalk(chainProblems: problems, audited: audited)
    }

    func verifyRuns() -> [Problem] {
        do {
            _ = try catalog.runs()
            return []
        } catch {
            return [Problem(kind: Problem.Kind.runMismatch, object: "run table", detail: "\(error)")]
        }
    }
}

/// What `verify` reads from the manifests' git history: the catalog commits it lacks, and HEAD
/// with its files (nil for a repository without commits).
struct ManifestHistory {
    var missingCommits: [String]
    var head: (id: String, files: [String: [UInt8]])?
}

/// HEAD's manifests as `verify` reads them, before they are compared with the catalog.
struct ManifestsRead: Sendable {
    /// Catalog commits missing from the git history.
    var commitProblems: [Problem]
    /// HEAD and its entries per scope; nil for a repository without commits.
    var head: (id: String, scopes: [String: [ManifestEntry]])?

    /// The commit problems, then every HEAD entry the catalog does not know or describes differently.
    func problems(_ artifacts: [Artifact]) -> [Problem] {
        var problems = commitProblems
        guard let (head, scopes) = head else { return problems }
        let byDigest = Dictionary(artifacts.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
        for (scope, entries) in scopes.sorted(by: { $0.key < $1.key }) {
            let file = scope == Manifest.cohortScope ? "cohort.json" : "subjects/\(scope).json"
            for entry in entries {
                let where_ = "\(file) at \(head.prefix(12))"
                guard let artifact = byDigest[entry.digest] else {
                    problems.append(
                        Problem(
                            kind: Problem.Kind.manifestMismatch, object: entry.digest.description,
                            detail: "listed in \(where_) but not in the catalog"))
                    continue
                }
                let subject = artifact.subject ?? Manifest.cohortScope
                if artifact.kind != entry.kind || subject != scope || artifact.size != entry.size {
                    problems.append(
                        Problem(
                            kind: Problem.Kind.manifestMismatch, object: entry.digest.description,
                            detail: "\(where_) lists \(entry.kind.rawValue) of \(scope) size \(entry.size), catalog "
                                + "has \(artifact.kind.rawValue) of \(subject) size \(artifact.size)"))
                }
            }
        }
        return problems
    }
}

/// The audit chain's problems and the digests it records as added.
struct AuditWalk: Sendable {
    var chainProblems: [Problem]
    var audited: Set<String>

    /// The chain problems, then every artifact without an `artifact.add` entry.
    func problems(_ artifacts: [Artifact]) -> [Problem] {
        var problems = chainProblems
        for artifact in artifacts where !audited.contains(artifact.digest.description) {
            problems.append(
                Problem(
                    kind: Problem.Kind.auditChain, object: artifact.digest.description,
                    detail: "catalog row has no artifact.add audit entry"))
        }
        return problems
    }
}

/// The object store's listing: every blob's digest (sorted) and the paths that are not blobs.
struct ObjectInventory: Sendable {
    var digests: [Digest]
    var strays: [String]

    init(_ objects: any ObjectStore) throws {
        if let local = objects as? LocalObjectStore {
            (digests, strays) = try local.inventory()
        } else {
            (digests, strays) = (try objects.allDigests(), [])
        }
    }

    /// Orphan blobs (present, not catalogued), then the stray paths.
    func problems(catalogued: Set<Digest>, in objects: any ObjectStore) -> [Problem] {
        var problems: [Problem] = []
        for digest in digests where !catalogued.contains(digest) {
            problems.append(
                Problem(
                    kind: Problem.Kind.orphanBlob, object: digest.description,
                    detail: "blob at \(objects.location(of: digest)) has no catalog row"))
        }
        for path in strays {
            problems.append(
                Problem(kind: Problem.Kind.orphanBlob, object: path, detail: "file is not named by a digest"))
        }
        return problems
    }
}

/// The checks that read only the catalog and the object listing, run one after the other (each
/// keeps its own outcome, so an error in one still lets the report put the others in order).
struct CatalogChecks: Sendable {
    var inventory: Result<ObjectInventory, any Error>
    var audit: Result<AuditWalk, any Error>
    var runs: [Problem]

    init(_ archive: Archive) throws {
        inventory = Result { try ObjectInventory(archive.objects) }
        audit = Result { try archive.walkAudit() }
        runs = archive.verifyRuns()
    }
}

/// A computation started on a global queue at once; `result` waits for it.
final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<T, any Error>?

    init(_ body: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            let value = Result { try body() }
            self.lock.withLock { self.outcome = value }
            self.finished.signal()
        }
    }

    /// The outcome, once the computation has finished (waits the first time).
    var result: Result<T, any Error> {
        if let done = lock.withLock({ outcome }) { return done }
        finished.wait()
        finished.signal()
        return lock.withLock { outcome } ?? .failure(RadVaultError.internalError("background work left no outcome"))
    }
}
