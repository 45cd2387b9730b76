import ArchiveStore
import ArgumentParser
import Foundation
import RadVaultCore

/// `radvault verify`: re-hash every blob and cross-check catalog, manifests and audit chain.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check blobs, catalog, manifests and audit chain (exit 1 if any problem).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Also check the signed audit checkpoints against this Ed25519 public key.") var trust: String?

    func run() throws {
        let archive = try global.openArchive(readOnly: true)
        var problems = try archive.verify { ProgressReporter(label: "verify", total: $0) }
        if let trust { problems += try CheckpointCLI.verify(archive, trustFile: trust) }
        if global.json {
            let list = try problems.map { try CanonicalJSON.jsonValue($0) }
            Output.json(.object(["ok": .bool(problems.isEmpty), "problems": .array(list)]))
        } else if problems.isEmpty {
            print("ok: every blob, catalog row, manifest entry and audit entry checks out")
        } else {
            for problem in problems { print("\(problem.kind)  \(problem.object)  \(problem.detail)") }
            print("\(problems.count) problem(s)")
        }
        if !problems.isEmpty { throw ProblemsFound() }
    }
}

/// `radvault audit`: the hash-chained audit log.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Print the audit log (who did what, when).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Sign the latest Merkle checkpoint with this Ed25519 private key.") var sign: String?

    func run() throws {
        if let sign { return try CheckpointCLI.sign(global.openArchive(), keyFile: sign) }
        let entries = try global.openArchive().auditEntries()
        if global.json { return try Output.json(entries) }
        Output.table(
            entries.map { e in
                [String(e.seq), e.time, e.agent, e.action, e.payloadDigest.short, e.hash.short]
            })
    }
}
