/// One inconsistency found by `Archive.verify()`.
public struct Problem: Codable, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, a stable kebab-case name (see `Problem.Kind`).
    public var kind: String
    /// The digest, row or file it concerns.
    public var object: String
    /// What was expected and what was found.
    public var detail: String

    /// The problem kinds `verify` reports.
    public enum Kind {
        /// A catalog row whose blob is absent from the object store.
        public static let missingBlob = "missing-blob"
        /// A blob whose bytes no longer hash to its name (a changed byte).
        public static let digestMismatch = "digest-mismatch"
        /// A blob whose size differs from the catalog's.
        public static let sizeMismatch = "size-mismatch"
        /// A blob with no catalog row.
        public static let orphanBlob = "orphan-blob"
        /// A manifest entry that the catalog does not know or describes differently.
        public static let manifestMismatch = "manifest-mismatch"
        /// An audit entry whose hash or link to the previous entry is wrong.
        public static let auditChain = "audit-chain"
        /// A run whose recorded identity does not match its specification.
        public static let runMismatch = "run-mismatch"
    }

    public init(kind: String, object: String, detail: String) {
        self.kind = kind
        self.object = object
        self.detail = detail
    }

    public var description: String { "\(kind) \(object): \(detail)" }
}
