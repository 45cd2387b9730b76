import Foundation
import RadVaultCore

/// A recorded run (an activity, in PROV terms): what was executed on which inputs, what came out.
///
/// Its identity `id` is the digest of its canonical specification — kind, executor, executor
/// version, inputs (role → digest) and parameter digest — so re-running a known specification is
/// a cache hit (as in DVC's run cache). Outputs, environment, agent and times are not part of it.
public struct RunRecord: Codable, Hashable, Sendable {
    /// A named input or output of a run.
    public struct Port: Codable, Hashable, Sendable {
        public var role: String
        public var digest: Digest
        public init(role: String, digest: Digest) {
            self.role = role
            self.digest = digest
        }
    }

    /// Digest of the canonical specification (see `specification`).
    public private(set) var id: Digest
    /// Run kind, e.g. `extract`, `model`, `radiogenomics`, `ibsi-check`.
    public var kind: String
    public var executor: String
    public var executorVersion: String
    public var inputs: [Port]
    /// Digest of the parameter artifact, if the run has one.
    public var params: Digest?
    public var outputs: [Port]
    /// The environment fingerprint (any JSON object).
    public var environment: JSONValue
    public var agent: String
    /// UTC ISO-8601 (see `ISOTime`).
    public var startedAt: String
    public var endedAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, executor, inputs, params, outputs, environment, agent
        case executorVersion = "executor_version"
        case startedAt = "started_at"
        case endedAt = "ended_at"
    }

    /// Creates a record and computes its identity; input roles must be unique.
    public init(
        kind: String, executor: String, executorVersion: String, inputs: [Port], params: Digest?,
        outputs: [Port], environment: JSONValue, agent: String, startedAt: String, endedAt: String
    ) throws {
        self.kind = kind
        self.executor = executor
        self.executorVersion = executorVersion
        self.inputs = inputs
        self.params = params
        self.outputs = outputs
        self.environment = environment
        self.agent = agent
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.id = try Self.specificationDigest(
            kind: kind, executor: executor, executorVersion: executorVersion, inputs: inputs, params: params)
        try Self.checkUniqueRoles(outputs, what: "output")
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            kind: c.decode(String.self, forKey: .kind), executor: c.decode(String.self, forKey: .executor),
            executorVersion: c.decode(String.self, forKey: .executorVersion),
            inputs: c.decode([Port].self, forKey: .inputs), params: c.decodeIfPresent(Digest.self, forKey: .params),
            outputs: c.decode([Port].self, forKey: .outputs),
            environment: c.decode(JSONValue.self, forKey: .environment),
            agent: c.decode(String.self, forKey: .agent), startedAt: c.decode(String.self, forKey: .startedAt),
            endedAt: c.decode(String.self, forKey: .endedAt))
        if let stated = try c.decodeIfPresent(Digest.self, forKey: .id), stated != id {
            throw RadVaultError.corrupt("run record: id \(stated) does not match its specification digest \(id)")
        }
    }

    /// The canonical specification whose digest is the run's identity:
    /// `{"executor", "executor_version", "inputs": {role: digest}, "kind", "params": digest|null}`.
    public static func specification(
        kind: String, executor: String, executorVersion: String, inputs: [Port], params: Digest?
    ) throws -> JSONValue {
        try checkUniqueRoles(inputs, what: "input")
        var inputObject: [String: JSONValue] = [:]
        for port in inputs { inputObject[port.role] = .string(port.digest.description) }
        return .object([
            "kind": .string(kind), "executor": .string(executor), "executor_version": .string(executorVersion),
            "inputs": .object(inputObject), "params": params.map { .string($0.description) } ?? .null,
        ])
    }

    /// Digest of `specification(…)`; use it with `Archive.findRun(specDigest:)` before executing.
    public static func specificationDigest(
        kind: String, executor: String, executorVersion: String, inputs: [Port], params: Digest?
    ) throws -> Digest {
        CanonicalJSON.digest(
            try specification(
                kind: kind, executor: executor, executorVersion: executorVersion, inputs: inputs, params: params))
    }

    static func checkUniqueRoles(_ ports: [Port], what: String) throws {
        var seen = Set<String>()
        for port in ports where !seen.insert(port.role).inserted {
            throw RadVaultError.invalidInput(
                "run record: \(what) role '\(port.role)' appears twice, expected unique roles")
        }
    }
}
