import Foundation
import RadVaultCore

/// The executors this build of RadVault can run, keyed by (run kind, executor version).
///
/// A recorded run whose (kind, version) is absent is `unreplayable`: running a different
/// version would prove nothing about the recorded one.
public struct ExecutorRegistry: Sendable {
    private var byKey: [Key: any Executor] = [:]

    struct Key: Hashable {
        var kind: String
        var version: String
    }

    public init(_ executors: [any Executor] = []) {
        for e in executors { byKey[Key(kind: e.kind, version: e.version)] = e }
    }

    /// Adds an executor, refusing a second one for the same (kind, version).
    public mutating func register(_ executor: any Executor) throws {
        let key = Key(kind: executor.kind, version: executor.version)
        if let existing = byKey[key] {
            throw RadVaultError(
                .alreadyExists,
                "executor registry: kind '\(executor.kind)' version '\(executor.version)' is already "
                    + "registered (by '\(existing.name)')")
        }
        byKey[key] = executor
    }

    /// The executor for a recorded (kind, version), or nil.
    public func executor(kind: String, version: String) -> (any Executor)? {
        byKey[Key(kind: kind, version: version)]
    }

    /// The current (highest registered, by numeric-aware comparison) version for a kind.
    public func latest(kind: String) -> (any Executor)? {
        byKey.values.filter { $0.kind == kind }
            .max { $0.version.compare($1.version, options: .numeric) == .orderedAscending }
    }

    /// Every registered (kind, version, name), sorted.
    public var entries: [(kind: String, version: String, name: String)] {
        byKey.map { (kind: $0.key.kind, version: $0.key.version, name: $0.value.name) }
            .sorted { ($0.kind, $0.version) < ($1.kind, $1.version) }
    }
}
