import RadVaultCore

/// Writes a study's provenance as W3C PROV-JSON (https://www.w3.org/submissions/prov-json/).
///
/// Mapping (PROV-DM, https://www.w3.org/TR/prov-dm/):
/// - each artifact is an `entity` `radvault:sha256_<hex>` carrying its sha256, kind (`prov:type`),
///   media type, size and creation time;
/// - each run is an `activity` `radvault:run_<hex>` with `prov:startTime`/`prov:endTime`, its
///   executor name and version, and the environment fingerprint;
/// - the user(s) are `prov:Person` agents; RadVault is a `prov:SoftwareAgent` per version that
///   recorded runs (the fingerprint's `tool_version`), acting on behalf of its users (`actedOnBehalfOf`);
/// - `used` (with the input role), `wasGeneratedBy`, `wasAssociatedWith` (user and software),
///   and `wasDerivedFrom` from every output to every input of the same run.
/// Relation records get blank-node ids (`_:u1`, …) numbered in a fixed order, so the same
/// archive always exports the same bytes.
public enum PROVJSONExporter {
    /// Namespace of RadVault's own terms.
    public static let namespace = "https://w3id.org/radvault/ns#"

    /// The PROV-JSON document as a JSON value.
    public static func document(_ graph: ProvenanceGraph) -> JSONValue {
        var b = Builder(graph: graph)
        b.build()
        return .object([
            "prefix": .object([
                "radvault": .string(namespace), "prov": .string("http://www.w3.org/ns/prov#"),
                "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
                "sha256": .string("urn:sha256:"),
            ]),
            "entity": .object(b.entities), "activity": .object(b.activities), "agent": .object(b.agents),
            "used": .object(b.used), "wasGeneratedBy": .object(b.generated),
            "wasAssociatedWith": .object(b.associated), "wasDerivedFrom": .object(b.derived),
            "actedOnBehalfOf": .object(b.delegations),
        ])
    }

    /// The document as pretty, key-sorted UTF-8 bytes with a trailing newline.
    public static func bytes(_ graph: ProvenanceGraph) -> [UInt8] {
        Array((CanonicalJSON.string(document(graph), pretty: true) + "\n").utf8)
    }

    /// The entity identifier of a digest.
    public static func entityID(_ d: Digest) -> String { "radvault:sha256_" + d.hex }
    /// The activity identifier of a run.
    public static func activityID(_ r: ProvenanceRun) -> String { "radvault:run_" + r.idHex }
    /// The agent identifier of a user.
    public static func userID(_ name: String) -> String { "radvault:user_" + sanitize(name) }
    /// The agent identifier of this RadVault version.
    public static func softwareID(_ version: String) -> String { "radvault:radvault_" + sanitize(version) }

    static func sanitize(_ s: String) -> String {
        String(s.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
    }

    static func qualified(_ name: String) -> JSONValue {
        .object(["$": .string(name), "type": .string("prov:QUALIFIED_NAME")])
    }

    static func typed(_ value: String, _ type: String) -> JSONValue {
        .object(["$": .string(value), "type": .string(type)])
    }

    struct Builder {
        let graph: ProvenanceGraph
        var entities: [String: JSONValue] = [:]
        var activities: [String: JSONValue] = [:]
        var agents: [String: JSONValue] = [:]
        var used: [String: JSONValue] = [:]
        var generated: [String: JSONValue] = [:]
        var associated: [String: JSONValue] = [:]
        var derived: [String: JSONValue] = [:]
        var delegations: [String: JSONValue] = [:]
        var counter = 0

        mutating func nextID(_ prefix: String) -> String {
            counter += 1
            return "_:\(prefix)\(counter)"
        }

        mutating func build() {
            let byDigest = Dictionary(graph.artifacts.map { ($0.digest, $0) }, uniquingKeysWith: { a, _ in a })
            for d in graph.allDigests { entities[entityID(d)] = entity(d, byDigest[d]) }
            // Why per run: the software agent is the RadVault that executed the run (the tool version
            // in its environment fingerprint), not the one exporting; an archive outlives upgrades.
            let versions = Set(graph.runs.map(softwareVersion)).union(graph.runs.isEmpty ? [graph.toolVersion] : [])
            for version in versions.sorted() {
                agents[softwareID(version)] = .object([
                    "prov:type": qualified("prov:SoftwareAgent"), "prov:label": .string("RadVault"),
                    "radvault:version": .string(version),
                ])
            }
            for user in graph.agents {
                agents[userID(user)] = .object(["prov:type": qualified("prov:Person"), "prov:label": .string(user)])
            }
            let pairs = Set(graph.runs.map { [softwareVersion($0), $0.agent] }).sorted {
                $0.lexicographicallyPrecedes($1)
            }
            for pair in pairs {
                delegations[nextID("d")] = .object([
                    "prov:delegate": .string(softwareID(pair[0])), "prov:responsible": .string(userID(pair[1])),
                ])
            }
            for run in graph.runs { add(run, software: softwareID(softwareVersion(run))) }
        }

        /// The RadVault version that recorded `run` (its fingerprint's `tool_version`), else this one.
        func softwareVersion(_ run: ProvenanceRun) -> String {
            run.environment?["tool_version"]?.stringValue ?? graph.toolVersion
        }

        mutating func add(_ run: ProvenanceRun, software: String) {
            let act = activityID(run)
            var attrs: [String: JSONValue] = [
                "prov:startTime": .string(run.started), "prov:endTime": .string(run.ended),
                "prov:type": qualified("radvault:" + sanitize(run.kind)),
                "prov:label": .string("\(run.kind) run \(run.idHex.prefix(12))"),
                "radvault:runId": .string(run.id), "radvault:executor": .string(run.executorName),
                "radvault:executorVersion": .string(run.executorVersion),
            ]
            if let env = run.environment { attrs["radvault:environment"] = .string(CanonicalJSON.string(env)) }
            activities[act] = .object(attrs)
            for (role, d) in run.usedEntities {
                used[nextID("u")] = .object([
                    "prov:activity": .string(act), "prov:entity": .string(entityID(d)), "prov:role": .string(role),
                ])
            }
            for (role, d) in run.generatedEntities {
                generated[nextID("g")] = .object([
                    "prov:entity": .string(entityID(d)), "prov:activity": .string(act), "prov:role": .string(role),
                    "prov:time": .string(run.ended),
                ])
            }
            for agent in [userID(run.agent), software] {
                associated[nextID("a")] = .object(["prov:activity": .string(act), "prov:agent": .string(agent)])
            }
            for (_, out) in run.generatedEntities {
                for (_, input) in run.usedEntities {
                    derived[nextID("w")] = .object([
                        "prov:generatedEntity": .string(entityID(out)), "prov:usedEntity": .string(entityID(input)),
                        "prov:activity": .string(act),
                    ])
                }
            }
        }

        func entity(_ d: Digest, _ a: ProvenanceArtifact?) -> JSONValue {
            var attrs: [String: JSONValue] = ["radvault:sha256": .string(d.hex)]
            if let a {
                attrs["prov:type"] = qualified("radvault:" + sanitize(a.kind))
                attrs["prov:label"] = .string(a.label ?? "\(a.kind) \(d.short)")
                attrs["radvault:mediaType"] = .string(a.mediaType)
                attrs["radvault:size"] = typed(String(a.size), "xsd:long")
                attrs["radvault:createdAt"] = typed(a.created, "xsd:dateTime")
            }
            return .object(attrs)
        }
    }
}
