import Foundation
import GRDB
import RadVaultCore

/// Run records: `run`, `run_input`, `run_output`.
extension SQLiteCatalog {
    public func insertRun(_ run: RunRecord, audit: AuditIntent) throws -> Bool {
        try write("cannot record run \(run.id)") { db in
            if let existing = try Self.fetchRuns(db, where: "spec_digest = ?", [run.id.description]).first {
                guard existing.outputs == run.outputs else {
                    throw RadVaultError(
                        .alreadyExists,
                        "run \(run.id): already recorded with outputs \(Self.describe(existing.outputs)), "
                            + "expected the same outputs, got \(Self.describe(run.outputs))")
                }
                return false
            }
            let paramsID = try run.params.map { try Self.artifactID(db, $0, role: "params") }
            try db.execute(
                sql: """
                    INSERT INTO run (spec_digest, kind, executor, executor_version, params_artifact_id, environment,
                    agent, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id.description, run.kind, run.executor, run.executorVersion, paramsID,
                    CanonicalJSON.string(run.environment), run.agent, run.startedAt, run.endedAt,
                ])
            let runID = db.lastInsertedRowID
            for (table, ports) in [("run_input", run.inputs), ("run_output", run.outputs)] {
                for (position, port) in ports.enumerated() {
                    let artifactID = try Self.artifactID(db, port.digest, role: port.role)
                    try db.execute(
                        sql: "INSERT INTO \(table) (run_id, role, artifact_id, position) VALUES (?, ?, ?, ?)",
                        arguments: [runID, port.role, artifactID, position])
                }
            }
            try Self.append(db, audit)
            return true
        }
    }

    static func describe(_ ports: [RunRecord.Port]) -> String {
        "[" + ports.map { "\($0.role)=\($0.digest.short)" }.joined(separator: ", ") + "]"
    }

    static func artifactID(_ db: Database, _ digest: Digest, role: String) throws -> Int64 {
        guard
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM artifact WHERE digest = ?", arguments: [digest.description])
        else {
            throw RadVaultError.notFound(
                "run \(role) \(digest): no such artifact in the catalog, expected it added first")
        }
        return id
    }

    public func run(id: Digest) throws -> RunRecord? {
        try read("cannot read run \(id)") { db in
            try Self.fetchRuns(db, where: "spec_digest = ?", [id.description]).first
        }
    }

    public func runs() throws -> [RunRecord] {
        try read("cannot list runs") { db in
            // Every run's ports in two queries rather than two per run.
            let inputs = try Self.allPorts(db, table: "run_input")
            let outputs = try Self.allPorts(db, table: "run_output")
            return try Self.fetchRuns(db, where: "1", []) { id in (inputs[id] ?? [], outputs[id] ?? []) }
        }
    }

    /// The ports of every run in `table`, by run id, each list in position order.
    static func allPorts(_ db: Database, table: String) throws -> [Int64: [RunRecord.Port]] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.run_id, t.role, a.digest FROM \(table) t JOIN artifact a ON a.id = t.artifact_id
                ORDER BY t.run_id, t.position
                """)
        var out: [Int64: [RunRecord.Port]] = [:]
        for row in rows {
            let digest: String = row[2]
            out[row[0], default: []].append(RunRecord.Port(role: row[1], digest: try Digest(parsing: digest)))
        }
        return out
    }

    /// The runs matching `clause`; `ports`, when given, supplies each run's (inputs, outputs)
    /// by run id instead of two queries per run.
    static func fetchRuns(
        _ db: Database, where clause: String, _ arguments: [String],
        ports: ((Int64) -> (inputs: [RunRecord.Port], outputs: [RunRecord.Port]))? = nil
    ) throws -> [RunRecord] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.*, p.digest AS params_digest FROM run r LEFT JOIN artifact p ON p.id = r.params_artifact_id
                WHERE \(clause) ORDER BY r.id
                """,
            arguments: StatementArguments(arguments))
        return try rows.map { row in try runRecord(db, row, ports: ports) }
    }

    static func runRecord(
        _ db: Database, _ row: Row, ports known: ((Int64) -> (inputs: [RunRecord.Port], outputs: [RunRecord.Port]))?
    ) throws -> RunRecord {
        let runID: Int64 = row["id"]
        let given = known?(runID)
        let stated: String = row["spec_digest"]
        let environmentText: String = row["environment"]
        let paramsText: String? = row["params_digest"]
        let record = try RunRecord(
            kind: row["kind"], executor: row["executor"], executorVersion: row["executor_version"],
            inputs: try given?.inputs ?? ports(db, table: "run_input", runID: runID),
            params: try paramsText.map { try Digest(parsing: $0) },
            outputs: try given?.outputs ?? ports(db, table: "run_output", runID: runID),
            environment: try parseJSON(environmentText, field: "run.environment", digest: stated), agent: row["agent"],
            startedAt: row["started_at"], endedAt: row["ended_at"])
        guard record.id.description == stated else {
            throw RadVaultError.corrupt(
                "catalog run row \(runID): spec_digest \(stated) does not match its specification digest \(record.id)")
        }
        return record
    }

    static func ports(_ db: Database, table: String, runID: Int64) throws -> [RunRecord.Port] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.role, a.digest FROM \(table) t JOIN artifact a ON a.id = t.artifact_id
                WHERE t.run_id = ? ORDER BY t.position
                """,
            arguments: [runID])
        return try rows.map { row in
            let digest: String = row["digest"]
            return RunRecord.Port(role: row["role"], digest: try Digest(parsing: digest))
        }
    }
}
