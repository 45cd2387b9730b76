import Foundation
import RadVaultCore
import Yams

/// Parameters of a radiogenomics run (the `params` artifact), read from YAML and recorded as
/// canonical JSON. Every field has a default, so `{}` is a valid settings file.
public struct RadiogenomicsSettings: Sendable, Codable, Equatable {
    /// How the expression table was read (recorded so the run can be replayed).
    public var expression = ExpressionReadOptions()
    /// Correlation method for feature–gene pairs.
    public var correlationMethod = CorrelationMethod.pearson
    /// BH q-value threshold for a significant pair (and the ORA gene lists).
    public var fdr = 0.05
    /// Minimum |r| for a significant pair.
    public var minAbsR = 0.0
    /// Gene sets with fewer measured genes than this are skipped (ORA and GSEA).
    public var minSetSize = 5
    public var maxSetSize = 500
    /// GSEA permutations (gene-label permutations from the seeded PRNG); 0 disables GSEA.
    public var gseaPermutations = 1000
    /// Seed of the one PRNG of the run (xoshiro256**).
    public var seed: UInt64 = 20_080_101
    /// Run WGCNA.
    public var wgcnaEnabled = true
    public var wgcna = WGCNASettings()
    /// BLAS threads (set explicitly for every run; results are identical for any value
    /// because digested sums are computed in Swift, but BLAS products may differ in the last bits).
    public var blasThreads = 1

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case expression, fdr, seed, wgcna
        case correlationMethod = "correlation_method"
        case minAbsR = "min_abs_r"
        case minSetSize = "min_set_size"
        case maxSetSize = "max_set_size"
        case gseaPermutations = "gsea_permutations"
        case wgcnaEnabled = "wgcna_enabled"
        case blasThreads = "blas_threads"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = RadiogenomicsSettings()
        expression = try c.decodeIfPresent(ExpressionReadOptions.self, forKey: .expression) ?? d.expression
        correlationMethod =
            try c.decodeIfPresent(CorrelationMethod.self, forKey: .correlationMethod) ?? d.correlationMethod
        fdr = try c.decodeIfPresent(Double.self, forKey: .fdr) ?? d.fdr
        minAbsR = try c.decodeIfPresent(Double.self, forKey: .minAbsR) ?? d.minAbsR
        minSetSize = try c.decodeIfPresent(Int.self, forKey: .minSetSize) ?? d.minSetSize
        maxSetSize = try c.decodeIfPresent(Int.self, forKey: .maxSetSize) ?? d.maxSetSize
        gseaPermutations = try c.decodeIfPresent(Int.self, forKey: .gseaPermutations) ?? d.gseaPermutations
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        wgcnaEnabled = try c.decodeIfPresent(Bool.self, forKey: .wgcnaEnabled) ?? d.wgcnaEnabled
        wgcna = try c.decodeIfPresent(WGCNASettings.self, forKey: .wgcna) ?? d.wgcna
        blasThreads = try c.decodeIfPresent(Int.self, forKey: .blasThreads) ?? d.blasThreads
    }

    /// Parses YAML settings (missing keys take their defaults) and validates the ranges. An
    /// unknown key is an error naming it: a typo (`minModuleSize` for `min_module_size`) must not
    /// silently run with the default.
    public static func parseYAML(_ text: String, source: String) throws -> RadiogenomicsSettings {
        do {
            try checkKeys(Yams.load(yaml: text.isEmpty ? "{}" : text), source: source)
            let s = try YAMLDecoder().decode(RadiogenomicsSettings.self, from: text.isEmpty ? "{}" : text)
            try s.validate(source: source)
            return s
        } catch let e as RadVaultError {
            throw e
        } catch {
            throw RadVaultError.invalidInput(
                "\(source): radiogenomics settings are not valid YAML for this schema: \(error)")
        }
    }

    /// Refuses keys outside the schema at the top level and in `expression` and `wgcna`.
    static func checkKeys(_ node: Any?, source: String) throws {
        guard let top = node as? [String: Any] else {
            if node == nil { return }
            throw RadVaultError.invalidInput("\(source): expected a YAML mapping of radiogenomics settings")
        }
        func check(_ map: [String: Any], _ allowed: [String], _ prefix: String) throws {
            for key in map.keys.sorted() where !allowed.contains(key) {
                throw RadVaultError.invalidInput(
                    "\(source): unknown key '\(prefix)\(key)'; expected one of \(allowed.joined(separator: ", "))")
            }
        }
        try check(top, CodingKeys.allCases.map(\.rawValue), "")
        if let e = top["expression"] as? [String: Any] {
            try check(e, ExpressionReadOptions.CodingKeys.allCases.map(\.rawValue), "expression.")
        }
        if let w = top["wgcna"] as? [String: Any] {
            try check(w, WGCNASettings.CodingKeys.allCases.map(\.rawValue), "wgcna.")
        }
    }

    /// Canonical JSON bytes (the recorded params).
    public func canonicalJSON() throws -> [UInt8] { try CanonicalJSON.bytes(self) }

    /// Checks ranges, naming the field.
    public func validate(source: String) throws {
        func fail(_ field: String, _ expect: String) -> RadVaultError {
            RadVaultError.invalidInput("\(source): \(field) is out of range; expected \(expect)")
        }
        guard fdr > 0 && fdr <= 1 else { throw fail("fdr", "0 < fdr ≤ 1") }
        guard minSetSize >= 1, maxSetSize >= minSetSize else {
            throw fail("min_set_size/max_set_size", "1 ≤ min ≤ max")
        }
        guard gseaPermutations >= 0 else { throw fail("gsea_permutations", "≥ 0") }
        guard blasThreads >= 1 else { throw fail("blas_threads", "≥ 1") }
        try wgcna.validate(source: source)
    }
}
