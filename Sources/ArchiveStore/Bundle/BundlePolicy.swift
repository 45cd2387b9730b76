import Foundation
import RadVaultCore

/// The structural rules a bundle's index and trailer must obey (see `BundleReader`).
enum BundlePolicy {
    static let topLevel: Set<String> = ["objects", "manifests", "catalog.json"]
    static let maxSignatureBytes: UInt32 = 64 << 10

    /// Checks every entry; returns the cumulative offsets (count + 1 values, the last is the total).
    static func check(_ index: BundleIndex, limits: BundleLimits, bundle name: String) throws -> [UInt64] {
        guard index.format == "radvault-bundle", index.version == 1 else {
            throw RadVaultError.unsupported("\(name): index format '\(index.format)' v\(index.version), expected v1")
        }
        guard index.entries.count <= limits.maxEntries else {
            throw RadVaultError.invalidInput(
                "\(name): \(index.entries.count) entries, beyond the limit of \(limits.maxEntries)")
        }
        var paths = Set<String>()
        var offsets: [UInt64] = [0]
        var total: UInt64 = 0
        for e in index.entries {
            try checkPath(e.path, limits: limits, bundle: name)
            try checkEntry(e, limits: limits, bundle: name)
            guard paths.insert(e.path).inserted else {
                throw RadVaultError.invalidInput("\(name): duplicate entry '\(e.path)'")
            }
            let (sum, overflow) = total.addingReportingOverflow(e.storedSize)
            guard !overflow, sum <= limits.maxTotalSize else {
                throw RadVaultError.invalidInput(
                    "\(name): entries total more than the limit of \(limits.maxTotalSize) bytes")
            }
            total = sum
            offsets.append(total)
        }
        for p in paths {
            var parent = p
            while let slash = parent.lastIndex(of: "/") {
                parent = String(parent[..<slash])
                if paths.contains(parent) {
                    throw RadVaultError.invalidInput("\(name): entry '\(parent)' is both a file and a folder of '\(p)'")
                }
            }
        }
        for text in index.requiredObjects {
            let d = try Digest(parsing: text)
            guard paths.contains(BundleIndex.objectPath(d)) else {
                throw RadVaultError.notFound("\(name): missing object \(d), which the catalog references")
            }
        }
        return offsets
    }

    static func checkPath(_ path: String, limits: BundleLimits, bundle name: String) throws {
        let what = "\(name): entry path '\(path)'"
        guard !path.isEmpty, path.utf8.count <= limits.maxPathBytes else {
            throw RadVaultError.invalidInput("\(what): empty or longer than \(limits.maxPathBytes) bytes")
        }
        guard !path.hasPrefix("/") else { throw RadVaultError.invalidInput("\(what): absolute paths are refused") }
        guard !path.contains("\\"), !path.utf8.contains(0) else {
            throw RadVaultError.invalidInput("\(what): backslash or NUL byte")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.contains("..") else {
            throw RadVaultError.invalidInput("\(what): '..' components are refused")
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0 != "." }), parts.count <= limits.maxPathComponents else {
            throw RadVaultError.invalidInput(
                "\(what): empty or '.' component, or more than \(limits.maxPathComponents) components")
        }
        guard let first = parts.first, topLevel.contains(String(first)) else {
            throw RadVaultError.invalidInput("\(what): outside objects/, manifests/ and catalog.json")
        }
        if first == "objects" {
            let ok =
                parts.count == 4 && parts[1] == "sha256" && parts[2].utf8.count == 2 && parts[3].utf8.count == 62
                && isLowerHex(parts[2] + parts[3])
            guard ok else { throw RadVaultError.invalidInput("\(what): expected objects/sha256/<2 hex>/<62 hex>") }
        }
        if first == "manifests" {
            guard isAllowedManifestsPath(path) else {
                throw RadVaultError.invalidInput(
                    "\(what): expected a manifest file or manifests/.git/ HEAD, description, index, packed-refs, "
                        + "info/exclude, objects/, refs/ or logs/ (a git config, hook or alternate is refused)")
            }
        }
    }

    /// Whether `text` is only the ASCII digits 0-9 and letters a-f (`Character.isHexDigit` also
    /// accepts fullwidth forms).
    static func isLowerHex<S: StringProtocol>(_ text: S) -> Bool {
        text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether a bundle may carry `path` under `manifests/`: the manifest files, and of the git
    /// folder only the history (objects, refs, reflogs, HEAD, index, packed-refs) and the inert
    /// `description` and `info/exclude`. Never `.git/config` (it can name commands git runs,
    /// e.g. `core.pager`, `core.fsmonitor`), hooks, `objects/info/alternates` (objects read from
    /// elsewhere), a `.git` file (`gitdir:` pointing elsewhere) or any other `.git*` name.
    static func isAllowedManifestsPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts[0] == "manifests" else { return false }
        guard parts[1] == ".git" else { return isManifestFile(parts.dropFirst().joined(separator: "/")) }
        let rest = Array(parts.dropFirst(2))
        switch rest.first {
        case "HEAD", "description", "index", "packed-refs": return rest.count == 1
        case "info": return rest == ["info", "exclude"]
        case "refs", "logs": return rest.count >= 2
        case "objects":
            if rest.count == 3, rest[1] == "pack" { return rest[2].hasPrefix("pack-") }
            return rest.count == 3 && rest[1].utf8.count == 2 && rest[2].utf8.count == 38
                && isLowerHex(rest[1] + rest[2])
        default: return false
        }
    }

    /// Whether `path` (relative to `manifests/`) is a manifest file as `Manifest.files` writes
    /// them: `cohort.json` or `subjects/<subject>.json`, no component starting with `.`.
    static func isManifestFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }), path.hasSuffix(".json") else { return false }
        return path == "cohort.json" || (parts.count == 2 && parts[0] == "subjects")
    }

    static func checkEntry(_ e: BundleIndex.Entry, limits: BundleLimits, bundle name: String) throws {
        let what = "\(name): entry '\(e.path)'"
        guard e.type == "file" else {
            if e.type == "symlink" {
                throw RadVaultError.invalidInput("\(what): is a symbolic link; only regular files are accepted")
            }
            throw RadVaultError.unsupported("\(what): type '\(e.type)', expected 'file'")
        }
        guard e.method == "store" else {
            throw RadVaultError.unsupported("\(what): storage method '\(e.method)', expected 'store'")
        }
        guard e.size <= limits.maxEntrySize else {
            throw RadVaultError.invalidInput("\(what): size \(e.size) is beyond the limit of \(limits.maxEntrySize)")
        }
        guard e.path != "catalog.json" || e.size <= limits.maxCatalogBytes else {
            throw RadVaultError.invalidInput(
                "\(what): size \(e.size) is beyond the catalog limit of \(limits.maxCatalogBytes) bytes")
        }
        let ratio = e.storedSize == 0 ? (e.size == 0 ? 1 : Double.infinity) : Double(e.size) / Double(e.storedSize)
        guard ratio <= limits.maxExpansionRatio else {
            throw RadVaultError.invalidInput(
                "\(what): expands \(e.storedSize) stored bytes to \(e.size) (ratio \(ratio)), beyond the limit "
                    + "of \(limits.maxExpansionRatio)")
        }
        guard e.size == e.storedSize else {
            throw RadVaultError.corrupt("\(what): stored entries must have size == stored_size")
        }
        guard e.sha256.utf8.count == 64, isLowerHex(e.sha256) else {
            throw RadVaultError.corrupt("\(what): sha256 '\(e.sha256)' is not 64 lowercase hex digits")
        }
        if e.path.hasPrefix("objects/sha256/") {
            let hex = e.path.dropFirst("objects/sha256/".count).replacingOccurrences(of: "/", with: "")
            guard hex == e.sha256 else {
                throw RadVaultError(
                    .digestMismatch, "\(what): holds sha256:\(e.sha256), not the digest its path names (sha256:\(hex))")
            }
        }
    }

    /// Parses the optional signature trailer; anything else after the entries is refused.
    static func signature(_ trailer: [UInt8], bundle name: String) throws -> DetachedSignature? {
        if trailer.isEmpty { return nil }
        guard trailer.count >= 12, Array(trailer[0..<8]) == BundleFormat.signatureMagic else {
            throw RadVaultError.corrupt("\(name): \(trailer.count) unexpected bytes after the entries")
        }
        let length = BundleFormat.readBigEndian(trailer[8..<12], as: UInt32.self)
        guard length <= maxSignatureBytes, trailer.count == 12 + Int(length) else {
            throw RadVaultError.corrupt("\(name): signature trailer length \(length) does not match the file")
        }
        do {
            return try CanonicalJSON.decode(DetachedSignature.self, from: trailer[12...])
        } catch {
            throw RadVaultError(.corrupt, "\(name): the signature trailer is not valid JSON", cause: error)
        }
    }
}
