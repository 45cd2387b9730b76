import Foundation
import RadVaultCore

/// The `.rvb` single-file bundle format, version 1.
///
/// ```
/// offset  size  field
/// 0       8     magic "RVBUNDLE"
/// 8       4     format version, big-endian UInt32 = 1
/// 12      4     flags, big-endian UInt32 = 0
/// 16      8     index length L, big-endian UInt64
/// 24      L     index: canonical JSON (see `BundleIndex`)
/// 24+L    D     entry bytes, concatenated in index order; D = Σ stored_size
/// 24+L+D  …     optional signature trailer: "RVSIG001", big-endian UInt32 length N,
///               N bytes of canonical JSON `DetachedSignature`; nothing may follow it
/// ```
/// Entries carry their path, type (only `file` is accepted), size, stored size, storage
/// method (only `store`: objects are mostly already-compressed NIfTI) and SHA-256. Offsets
/// are implied by the order, so entries cannot overlap. The signature (Ed25519) covers
/// `"radvault-bundle-v1 index " + sha256(index bytes)`, so it authenticates every entry
/// digest, and it lives outside the hashed index.
public enum BundleFormat {
    public static let magic: [UInt8] = Array("RVBUNDLE".utf8)
    public static let signatureMagic: [UInt8] = Array("RVSIG001".utf8)
    public static let version: UInt32 = 1
    public static let headerSize = 24

    /// The bytes a bundle signature covers.
    public static func signedMessage(indexDigest: Digest) -> [UInt8] {
        Array("radvault-bundle-v1 index \(indexDigest)".utf8)
    }

    static func bigEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.bigEndian) { Array($0) }
    }

    static func readBigEndian<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, as: T.Type) -> T {
        bytes.reduce(T(0)) { ($0 << 8) | T($1) }
    }
}

/// Limits a bundle must stay within; anything beyond is refused before extraction.
///
/// Defaults: index ≤ 64 MiB, ≤ 1,000,000 entries, one entry ≤ 64 GiB, all entries ≤ 1 TiB,
/// `catalog.json` ≤ 256 MiB (it is decoded in memory), paths ≤ 1024 bytes and ≤ 32 components,
/// expansion ratio (size / stored size) ≤ 1 — version 1 stores entries uncompressed, so any
/// entry claiming to expand is a forged (zip-bomb-like) index. The same limits are listed in
/// `radvault bundle open --help` and the README.
public struct BundleLimits: Sendable {
    public var maxIndexBytes: Int = 64 << 20
    public var maxEntries: Int = 1_000_000
    public var maxEntrySize: UInt64 = 64 << 30
    public var maxTotalSize: UInt64 = 1 << 40
    public var maxCatalogBytes: UInt64 = 256 << 20
    public var maxPathBytes: Int = 1024
    public var maxPathComponents: Int = 32
    public var maxExpansionRatio: Double = 1

    public init() {}
    public static let standard = BundleLimits()
}

/// The index of a bundle: what it contains and what must be present.
public struct BundleIndex: Codable, Hashable, Sendable {
    /// One file in the bundle.
    public struct Entry: Codable, Hashable, Sendable {
        /// Relative `/`-separated path inside the archive (`objects/…`, `manifests/…`, `catalog.json`).
        public var path: String
        /// Only `file` is accepted when opening.
        public var type: String
        /// Bytes after extraction.
        public var size: UInt64
        /// Bytes in the bundle.
        public var storedSize: UInt64
        /// Only `store` (uncompressed) exists in version 1.
        public var method: String
        /// SHA-256 hex of the extracted bytes.
        public var sha256: String

        enum CodingKeys: String, CodingKey {
            case path, type, size, method, sha256
            case storedSize = "stored_size"
        }

        public init(path: String, size: UInt64, sha256: String, type: String = "file", method: String = "store") {
            self.path = path
            self.type = type
            self.size = size
            self.storedSize = size
            self.method = method
            self.sha256 = sha256
        }
    }

    public var format: String = "radvault-bundle"
    public var version: Int = 1
    public var entries: [Entry]
    /// Digests the catalog references: each must be present as `objects/sha256/ab/…`.
    public var requiredObjects: [String]

    enum CodingKeys: String, CodingKey {
        case format, version, entries
        case requiredObjects = "required_objects"
    }

    public init(entries: [Entry], requiredObjects: [String]) {
        self.entries = entries
        self.requiredObjects = requiredObjects
    }

    /// The object-store path of a digest.
    public static func objectPath(_ d: Digest) -> String {
        "objects/sha256/\(d.hex.prefix(2))/\(d.hex.dropFirst(2))"
    }
}
