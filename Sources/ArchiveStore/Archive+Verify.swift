import Foundation
import RadVaultCore

/// `verify`: blobs ↔ catalog ↔ manifests ↔ audit chain.
extension Archive {
    /// Re-hashes every blob and cross-checks catalog, manifests and audit chain; empty when clean.
    /// `progress`, given the number of blobs, makes the reporter advanced once per blob.
    public func verify(progress: ((Int) -> ProgressReporter)? = nil) throws -> [Problem] {
        let artifacts = try catalog.artifacts(kind: nil, subject: nil)
        let reporter = progress?(artifacts.count)
        defer { reporter?.finish() }
        var problems = try verifyBlobs(artifacts, progress: reporter)
        problems += try verifyManifests(artifacts)
        problems += try verifyAudit(artifacts)
        problems += verifyRuns()
        return problems
    }

    func verifyBlobs(_ artifacts: [Artifact], progress: ProgressReporter? = nil) throws -> [Problem] {
        var problems = try rehashAll(artifacts, progress: progress)
        let catalogued = Set(artifacts.map(\.digest))
        for digest in try objects.allDigests() where !catalogued.contains(digest) {
            problems.append(
                Problem(
                    kind: Problem.Kind.orphanBlob, object: digest.description,
                    detail: "blob at \(objects.location(of: digest)) has no catalog row"))
        }
        if let local = objects as? LocalObjectStore {
            for path in try local.strayPaths() {
                problems.append(
                    Problem(kind: Problem.Kind.orphanBlob, object: path, detail: "file is not named by a digest"))
            }
        }
        return problems
    }

    /// Re-hashes every catalogued blob on up to four workers (hashing is the floor of `verify`;
    /// blob i goes to worker i mod workers and problems come back in catalog order).
    func rehashAll(_ artifacts: [Artifact], progress: ProgressReporter?) throws -> [Problem] {
        let workers = min(4, ProcessInfo.processInfo.activeProcessorCount)
        let store = objects
        return try OrderedParallel.tryMap(count: artifacts.count, workers: workers) { i in
            defer { progress?.advance() }
            return try Self.check(artifacts[i], in: store)
        }.compactMap { $0 }
    }

    /// The problem with one catalogued blob, if any.
    static func check(_ artifact: Artifact, in objects: any ObjectStore) throws -> Problem? {
        let digest = artifact.digest
        guard objects.contains(digest) else {
            return Problem(
                kind: Problem.Kind.missingBlob, object: digest.description,
                detail: "catalog row (\(artifact.kind.rawValue) \(artifact.name)) has no blob at "
                    + objects.location(of: digest))
        }
        let actual = try objects.rehash(digest)
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

    func verifyManifests(_ artifacts: [Artifact]) throws -> [Problem] {
        let repository = try manifests()
        var problems: [Problem] = []
        for commit in try catalog.manifestCommits() where (try? repository.resolve(commit.commitID)) == nil {
            problems.append(
                Problem(
                    kind: Problem.Kind.manifestMismatch, object: "commit \(commit.commitID)",
                    detail: "recorded in the catalog but missing from manifests/ git history"))
        }
        guard let head = try repository.head() else { return problems }
        let byDigest = Dictionary(artifacts.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
        let scopes = try Manifest.entries(from: repository.files(at: head), revision: head)
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

    func verifyAudit(_ artifacts: [Artifact]) throws -> [Problem] {
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
        for artifact in artifacts where !audited.contains(artifact.digest.description) {
            problems.append(
                Problem(
                    kind: Problem.Kind.auditChain, object: artifact.digest.description,
                    detail: "catalog row has no artifact.add audit entry"))
        }
        return problems
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
