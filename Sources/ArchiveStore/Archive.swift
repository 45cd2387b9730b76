import Foundation
import RadVaultCore

/// A RadVault archive: the façade later modules and the CLI use.
///
/// Layout (DESIGN.md): `objects/` (content-addressed blobs), `catalog.sqlite` (the catalog, WAL),
/// `manifests/` (a git repository of JSON manifests). Every mutation goes through the catalog in
/// one transaction with its audit entry. Thread-safe; several processes may use one archive.
public final class Archive: Sendable {
    /// The archive folder.
    public let root: URL
    /// Who mutations are attributed to (audit log, manifest commits).
    public let agent: String
    /// The blob store.
    public let objects: any ObjectStore
    /// The catalog.
    public let catalog: any Catalog
    let manifestsPath: String

    static let catalogFile = "catalog.sqlite"

    private init(root: URL, agent: String, objects: any ObjectStore, catalog: any Catalog) {
        self.root = root
        self.agent = agent
        self.objects = objects
        self.catalog = catalog
        self.manifestsPath = root.appendingPathComponent("manifests").path
    }

    /// The agent from the environment: `$RADVAULT_AGENT`, else `$USER`, else `unknown`.
    public static func defaultAgent(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for key in ["RADVAULT_AGENT", "USER"] {
            if let value = environment[key], !value.isEmpty { return value }
        }
        return "unknown"
    }

    /// Creates an archive at `path` (the folder may exist but must not already be an archive).
    public static func create(at path: String, agent: String = defaultAgent()) throws -> Archive {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        if isArchive(root) {
            throw RadVaultError(.alreadyExists, "\(root.path): already a RadVault archive, expected a new folder")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw RadVaultError.invalidInput("\(root.path): is a file, expected a folder for the new archive")
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let objects = try LocalObjectStore(root: root.appendingPathComponent("objects"))
        _ = try GitRepository.create(at: root.appendingPathComponent("manifests").path)
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent(catalogFile).path)
        try catalog.appendAudit(
            AuditIntent(agent: agent, action: "archive.init", payload: .object(["format": .string(Manifest.format)])))
        return Archive(root: root, agent: agent, objects: objects, catalog: catalog)
    }

    /// Opens the archive at `path`; `readOnly` when the caller will not change it (see
    /// `SQLiteCatalog.init(path:readOnly:)`).
    public static func open(at path: String, agent: String = defaultAgent(), readOnly: Bool = false) throws -> Archive {
        let root = URL(fileURLWithPath: path).standardizedFileURL
        guard isArchive(root) else {
            throw RadVaultError.notFound(
                "\(root.path): not a RadVault archive, expected a folder with \(catalogFile), objects/ and "
                    + "manifests/ (made by 'radvault init')")
        }
        let objects = try LocalObjectStore(root: root.appendingPathComponent("objects"))
        objects.removeStaleTemporaries()
        let catalog = try SQLiteCatalog(path: root.appendingPathComponent(catalogFile).path, readOnly: readOnly)
        return Archive(root: root, agent: agent, objects: objects, catalog: catalog)
    }

    /// Finds the archive as git finds a repository: `explicit` (the `--archive` flag), else
    /// `$RADVAULT_ARCHIVE`, else the first folder from `cwd` upwards that is an archive.
    public static func discover(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        cwd: String = FileManager.default.currentDirectoryPath, agent: String? = nil, readOnly: Bool = false
    ) throws -> Archive {
        let who = agent ?? defaultAgent(environment: environment)
        if let explicit { return try open(at: explicit, agent: who, readOnly: readOnly) }
        if let fromEnvironment = environment["RADVAULT_ARCHIVE"], !fromEnvironment.isEmpty {
            return try open(at: fromEnvironment, agent: who, readOnly: readOnly)
        }
        var folder = URL(fileURLWithPath: cwd).standardizedFileURL
        while true {
            if isArchive(folder) { return try open(at: folder.path, agent: who, readOnly: readOnly) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        throw RadVaultError.notFound(
            "no RadVault archive found in \(cwd) or any parent folder; expected --archive PATH, "
                + "RADVAULT_ARCHIVE, or a folder made by 'radvault init'")
    }

    /// Whether `folder` holds an archive (a catalog file and an objects folder).
    static func isArchive(_ folder: URL) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: folder.appendingPathComponent(catalogFile).path)
            && fm.fileExists(atPath: folder.appendingPathComponent("objects").path)
    }

    func audit(_ action: String, _ payload: [String: JSONValue]) -> AuditIntent {
        AuditIntent(agent: agent, action: action, payload: .object(payload))
    }

    // MARK: runs

    /// Records a run; recording the same run again (same identity and outputs) is a no-op.
    /// Every input, output and parameter digest must already be an artifact.
    @discardableResult
    public func recordRun(_ run: RunRecord) throws -> RunRecord {
        let payload = try CanonicalJSON.jsonValue(run)
        _ = try catalog.insertRun(
            run, audit: AuditIntent(agent: agent, action: "run.record", payload: payload))
        return run
    }

    /// The run with this identity (its specification digest), nil if none.
    public func run(id: Digest) throws -> RunRecord? { try catalog.run(id: id) }

    /// The run recorded for a specification digest, for cache hits (same as `run(id:)`).
    public func findRun(specDigest: Digest) throws -> RunRecord? { try catalog.run(id: specDigest) }

    /// All runs, in the order recorded.
    public func runs() throws -> [RunRecord] { try catalog.runs() }

    /// The audit log, oldest first.
    public func auditEntries() throws -> [AuditEntry] { try catalog.auditEntries() }
}
