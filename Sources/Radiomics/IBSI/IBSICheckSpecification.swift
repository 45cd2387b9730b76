import Foundation
import RadVaultCore

/// What an IBSI-1 check computes and compares with, apart from the engine's code: the bundled
/// reference values and phantoms (by SHA-256) and each benchmark's extraction settings.
///
/// Why a document: the reference data ships in the binary's resource bundle, not as archive
/// artifacts, so a recorded `ibsi-check` run names it through this document (its params). A
/// changed reference table, phantom or benchmark configuration gives another document, hence
/// another run identity (DESIGN.md: the run id is the digest of kind, version, inputs, params).
public enum IBSICheckSpecification {
    /// The document's format tag.
    public static let format = "radvault.ibsi-check/1"

    /// `{"format", "reference_values": digest, "benchmarks": [{"phantom", "config", "image",
    /// "mask", "settings"}]}`, hashing the bundled files of the given benchmarks.
    public static func document(benchmarks: [IBSIBenchmark] = IBSIBenchmark.all) throws -> JSONValue {
        var cache: [String: Digest] = [:]
        func digest(_ relative: String) throws -> JSONValue {
            if let known = cache[relative] { return .string(known.description) }
            let path = try IBSIReferenceData.path(relative)
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw RadVaultError(.notFound, "\(path): cannot read the bundled IBSI file", cause: error)
            }
            let value = Digest.of(data)
            cache[relative] = value
            return .string(value.description)
        }
        let entries = try benchmarks.map { b -> JSONValue in
            .object([
                "phantom": .string(b.phantom), "config": .string(b.config), "image": try digest(b.files.image),
                "mask": try digest(b.files.mask), "settings": b.settings.canonicalJSON,
            ])
        }
        let document: JSONValue = .object([
            "format": .string(format), "reference_values": try digest("ibsi1_reference_values.csv"),
            "benchmarks": .array(entries),
        ])
        // Why the round trip: the parsed form (25.0 read back as 25) compares equal to params read
        // from an archive.
        return try CanonicalJSON.parse(CanonicalJSON.bytes(document))
    }

    /// How a recorded document differs from the bundled one, field by field (empty: the same).
    public static func differences(recorded: JSONValue, bundled: JSONValue) -> [String] {
        var out: [String] = []
        for key in ["format", "reference_values"] where !same(recorded[key], bundled[key]) {
            out.append("\(key): recorded \(describe(recorded[key])), bundled \(describe(bundled[key]))")
        }
        let old = recorded["benchmarks"]?.arrayValue ?? []
        let new = bundled["benchmarks"]?.arrayValue ?? []
        if old.count != new.count {
            out.append("benchmarks: recorded \(old.count), bundled \(new.count)")
        }
        for (a, b) in zip(old, new) {
            let label = [b["phantom"]?.stringValue, b["config"]?.stringValue].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: "/")
            for key in ["phantom", "config", "image", "mask", "settings"] where !same(a[key], b[key]) {
                out.append("benchmark \(label) \(key): recorded \(describe(a[key])), bundled \(describe(b[key]))")
            }
        }
        return out
    }

    /// Equal canonical bytes (so 25 and 25.0 are the same value).
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        a.map { CanonicalJSON.bytes($0) } == b.map { CanonicalJSON.bytes($0) }
    }

    /// A value as canonical JSON; a long one (settings) by its digest.
    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        let text = CanonicalJSON.string(value)
        return text.count <= 100 ? text : "a document with digest \(CanonicalJSON.digest(value))"
    }
}
