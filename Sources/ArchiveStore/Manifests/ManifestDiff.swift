import RadVaultCore

/// What changed between two manifest revisions, per subject.
public struct ManifestDiff: Codable, Hashable, Sendable {
    /// Changes in one subject (or `(cohort)` for artifacts without a subject).
    public struct SubjectChanges: Codable, Hashable, Sendable {
        public var subject: String
        public var added: [ManifestEntry]
        public var removed: [ManifestEntry]
        /// Same kind and name, different digest.
        public var changed: [Change]
    }

    /// One slot whose artifact was replaced.
    public struct Change: Codable, Hashable, Sendable {
        public var old: ManifestEntry
        public var new: ManifestEntry
    }

    public var from: String
    public var to: String
    /// Only subjects with at least one change, sorted by name.
    public var subjects: [SubjectChanges]

    /// Whether the two revisions list the same artifacts.
    public var isEmpty: Bool { subjects.isEmpty }

    /// Compares two parsed snapshots.
    static func compare(
        _ old: [String: [ManifestEntry]], _ new: [String: [ManifestEntry]], from: String, to: String
    ) -> ManifestDiff {
        var result: [SubjectChanges] = []
        for scope in Set(old.keys).union(new.keys).sorted() {
            let before = Dictionary((old[scope] ?? []).map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            let after = Dictionary((new[scope] ?? []).map { ($0.key, $0) }, uniquingKeysWith: { $1 })
            var changes = SubjectChanges(subject: scope, added: [], removed: [], changed: [])
            for key in Set(before.keys).union(after.keys).sorted() {
                switch (before[key], after[key]) {
                case (nil, let added?): changes.added.append(added)
                case (let removed?, nil): changes.removed.append(removed)
                case (let a?, let b?) where a.digest != b.digest: changes.changed.append(Change(old: a, new: b))
                default: continue
                }
            }
            if !changes.added.isEmpty || !changes.removed.isEmpty || !changes.changed.isEmpty {
                result.append(changes)
            }
        }
        return ManifestDiff(from: from, to: to, subjects: result)
    }
}

/// One manifest commit as `log` shows it.
public struct ManifestLogEntry: Codable, Hashable, Sendable {
    /// Git commit id, 40 hex digits.
    public var commit: String
    public var message: String
    public var author: String
    /// UTC ISO-8601.
    public var time: String
    public var tags: [String]
}
