import ArchiveStore
import Foundation
import RadVaultCore
import Radiogenomics
import Replay

/// Formats a `radiogenomics` run: soft power, modules and their sizes, the strongest
/// module–trait correlations, the number of significant feature–gene pairs and the hub genes.
enum RadiogenomicsSummary {
    /// Every output role a radiogenomics run may produce.
    static let parts = [
        "correlations", "enrichment", "modules", "eigengenes", "module_trait", "kme", "hub_genes", "warnings",
        "decisions",
    ]

    static func print(_ outcome: RunService.Outcome, archive: Archive, json: Bool) throws {
        func decode<T: Decodable>(_ role: String, _ type: T.Type) throws -> T? {
            guard let a = outcome.outputs[role] else { return nil }
            do {
                return try CanonicalJSON.decode(type, from: try archive.read(a.digest))
            } catch {
                throw RadVaultError(
                    .corrupt, "radiogenomics output '\(role)' \(a.digest): cannot be decoded", cause: error)
            }
        }
        let correlations = try decode("correlations", CorrelationPart.self)
        let modules = try decode("modules", ModuleAssignmentPart.self)
        let moduleTrait = try decode("module_trait", [ModuleTraitRow].self) ?? []
        let hubs = (try decode("hub_genes", [HubGene].self) ?? []).filter { $0.trait != nil }
        let warnings = try decode("warnings", [String].self) ?? []
        var sizes: [Int: Int] = [:]
        for m in modules?.modules ?? [] { sizes[m, default: 0] += 1 }
        let top = moduleTrait.sorted { abs($0.r) != abs($1.r) ? abs($0.r) > abs($1.r) : $0.module < $1.module }.prefix(
            5)
        let hubGenes = Array(Set(hubs.map(\.gene))).sorted()
        if json {
            var outputs: [String: JSONValue] = [:]
            for (role, a) in outcome.outputs { outputs[role] = .string(a.digest.description) }
            Output.json(
                .object([
                    "run": .string(outcome.record.id.description), "cached": .bool(outcome.cached),
                    "outputs": .object(outputs),
                    "significant_pairs": .int(Int64(correlations?.significant.count ?? 0)),
                    "power": modules.map { .int(Int64($0.power)) } ?? .null,
                    "module_sizes": .object(
                        Dictionary(uniqueKeysWithValues: sizes.map { (String($0.key), JSONValue.int(Int64($0.value))) })
                    ),
                    "top_module_trait": try CanonicalJSON.jsonValue(Array(top)),
                    "hub_genes": .array(hubGenes.map { .string($0) }),
                    "warnings": .array(warnings.map { .string($0) }),
                ]))
            return
        }
        Swift.print(Output.runLine(outcome))
        if let c = correlations {
            Swift.print(
                "\(c.significant.count) significant feature–gene pairs (\(c.method), BH q ≤ \(c.fdr); "
                    + "\(c.features) traits × \(c.genes) genes, \(c.samples) samples)")
        }
        if let modules {
            Swift.print("soft-threshold power \(modules.power)")
            Swift.print(
                "modules: " + sizes.keys.sorted().map { "\($0) (\(sizes[$0] ?? 0) genes)" }.joined(separator: ", "))
        }
        for row in top {
            Swift.print(
                "module \(row.module) ~ \(row.trait): r \(ModelSummary.format(row.r)), p \(ModelSummary.format(row.p))")
        }
        Swift.print("hub genes (\(hubGenes.count)): " + hubGenes.prefix(20).joined(separator: ", "))
        for w in warnings { Swift.print("warning: \(w)") }
    }
}
