import Foundation
import RadVaultCore

/// One artifact as a manifest lists it.
public struct ManifestEntry: Codable, Hashable, Sendable {
    public var digest: Digest
    public var kind: ArtifactKind
    public var name: String
    public var mediaType: String
    public var size: Int64
    public var voxelDigest: Digest?

    enum CodingKeys: String, CodingKey {
        case digest, kind, name, size
        case mediaType = "media_type"
        case voxelDigest = "voxel_digest"
    }

    init(_ artifact: Artifact) {
        digest = artifact.digest
        kind = artifact.kind
        name = artifact.name
        mediaType = artifact.mediaType
        size = artifact.size
        voxelDigest = artifact.image?.voxelDigest
    }

    /// Entries with the same key describe the same slot; a different digest there is a change.
    var key: String { "\(kind.rawValue)/\(name)" }

    /// The entries of a manifest's `artifacts` list.
    ///
    /// Read straight from the parsed JSON when every entry is the plain form RadVault writes;
    /// anything else goes through `Decodable` (re-encoding the list), which decides and words
    /// the errors. Both give the same entries for the plain form.
    static func list(from value: JSONValue) throws -> [ManifestEntry] {
        if case .array(let items) = value {
            let entries = items.compactMap(ManifestEntry.init(plain:))
            if entries.count == items.count { return entries }
        }
        return try CanonicalJSON.decode([ManifestEntry].self, from: CanonicalJSON.bytes(value))
    }

    /// An entry from a JSON object of the plain form (strings, an integer size, an optional
    /// voxel digest); nil for anything else.
    private init?(plain value: JSONValue) {
        guard case .object(let o) = value, case .string(let digestText)? = o["digest"],
            let digest = try? Digest(parsing: digestText), case .string(let kindText)? = o["kind"],
            let kind = ArtifactKind(rawValue: kindText), case .string(let name)? = o["name"],
            case .string(let mediaType)? = o["media_type"], case .int(let size)? = o["size"]
        else { return nil }
        switch o["voxel_digest"] {
        case nil, .null?: voxelDigest = nil
        case .string(let text)?:
            guard let voxel = try? Digest(parsing: text) else { return nil }
            voxelDigest = voxel
        default: return nil
        }
        self.digest = digest
        self.kind = kind
        self.name = name
        self.mediaType = mediaType
        self.size = size
    }
}

/// The manifest files of one snapshot: `cohort.json` plus `subjects/<ID>.json`.
///
/// Each subject lists its artifacts by (kind, name); when several artifacts share a kind and name
/// (a re-exported mask, say) the newest is listed, so `diff` shows it as changed. Artifacts without
/// a subject (parameters, clinical and gene tables, results) are listed in `cohort.json`.
/// Files are canonical JSON, pretty-printed, with a final newline.
enum Manifest {
    static let format = "radvault-manifest/1"
    /// The pseudo-subject that `diff` uses for `cohort.json`'s artifacts.
    static let cohortScope = "(cohort)"

    /// Builds the files (relative path → bytes) from catalog artifacts, oldest first.
    static func files(from artifacts: [Artifact]) -> [String: [UInt8]] {
        var scopes: [String: [String: ManifestEntry]] = [:]
        for artifact in artifacts {
            scopes[artifact.subject ?? cohortScope, default: [:]][ManifestEntry(artifact).key] = ManifestEntry(artifact)
        }
        let subjects = scopes.keys.filter { $0 != cohortScope }.sorted()
        var files: [String: [UInt8]] = [:]
        let cohort: JSONValue = .object([
            "format": .string(format), "subjects": .array(subjects.map(JSONValue.string)),
            "artifacts": entriesJSON(scopes[cohortScope] ?? [:]),
        ])
        files["cohort.json"] = text(cohort)
        for subject in subjects {
            let value: JSONValue = .object([
                "format": .string(format), "subject": .string(subject),
                "artifacts": entriesJSON(scopes[subject] ?? [:]),
            ])
            files["subjects/\(subject).json"] = text(value)
        }
        return files
    }

    private static func entriesJSON(_ entries: [String: ManifestEntry]) -> JSONValue {
        let sorted = entries.values.sorted { ($0.kind, $0.name, $0.digest) < ($1.kind, $1.name, $1.digest) }
        return .array(sorted.compactMap { try? CanonicalJSON.jsonValue($0) })
    }

    private static func text(_ value: JSONValue) -> [UInt8] {
        Array((CanonicalJSON.string(value, pretty: true) + "\n").utf8)
    }

    /// Parses manifest files back into entries per scope (subject name or `cohortScope`).
    static func entries(from files: [String: [UInt8]], revision: String) throws -> [String: [ManifestEntry]] {
        var out: [String: [ManifestEntry]] = [:]
        for (path, bytes) in files where path.hasSuffix(".json") {
            let scope: String
            if path == "cohort.json" {
                scope = cohortScope
            } else if path.hasPrefix("subjects/") {
                scope = String(path.dropFirst("subjects/".count).dropLast(".json".count))
            } else {
                continue
            }
            do {
                let document = try CanonicalJSON.parse(bytes)
                let list = document["artifacts"] ?? .array([])
                out[scope] = try ManifestEntry.list(from: list)
            } catch {
                throw RadVaultError.corrupt(
                    "manifest \(path) at \(revision): expected a JSON object with an 'artifacts' list (\(error))")
            }
        }
        return out
    }
}
