import RadVaultCore

/// Matches trait subjects to expression samples by identifier.
enum SampleMatching {
    /// Indices (expression, trait) of the shared IDs in expression order, and warnings.
    static func match(expression: [String], traits: [String]) throws -> ([Int], [Int], [String]) {
        var traitIndex: [String: Int] = [:]
        for (i, s) in traits.enumerated() { traitIndex[s] = i }
        let shared = expression.indices.filter { traitIndex[expression[$0]] != nil }
        func examples(_ ids: [String]) -> String { ids.prefix(3).joined(separator: ", ") }
        guard !shared.isEmpty else {
            throw RadVaultError.invalidInput(
                "no sample IDs in common between the features table (\(traits.count) subjects, e.g. "
                    + "\(examples(traits))) and the expression table (\(expression.count) samples, e.g. "
                    + "\(examples(expression))); expected the same subject identifiers in both")
        }
        var warnings: [String] = []
        let sharedSet = Set(shared.map { expression[$0] })
        let onlyExpr = expression.filter { !sharedSet.contains($0) }
        let onlyTraits = traits.filter { !sharedSet.contains($0) }
        if !onlyExpr.isEmpty || !onlyTraits.isEmpty {
            warnings.append(
                "\(shared.count) samples in common; dropped \(onlyExpr.count) expression-only samples"
                    + (onlyExpr.isEmpty ? "" : " (e.g. \(examples(onlyExpr)))") + " and \(onlyTraits.count) "
                    + "feature-only subjects" + (onlyTraits.isEmpty ? "" : " (e.g. \(examples(onlyTraits)))"))
        }
        return (shared, shared.map { traitIndex[expression[$0]] ?? 0 }, warnings)
    }
}
