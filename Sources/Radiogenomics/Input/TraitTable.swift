import Foundation
import LinearAlgebra
import RadVaultCore

/// Subjects × traits: radiomic features or a radscore, one row per subject.
public struct TraitTable: Sendable {
    /// Subject identifiers (matched against expression sample IDs).
    public var subjects: [String]
    /// Trait (feature) names.
    public var traits: [String]
    /// subjects × traits, column-major; NaN marks a missing value.
    public var values: Matrix

    /// Creates a table from parsed values.
    public init(subjects: [String], traits: [String], values: Matrix) throws {
        guard values.rows == subjects.count, values.columns == traits.count else {
            throw RadVaultError.invalidInput(
                "trait table: values are \(values.rows)×\(values.columns), expected \(subjects.count)×\(traits.count)")
        }
        guard Set(subjects).count == subjects.count else {
            throw RadVaultError.invalidInput("trait table: subject identifiers must be unique")
        }
        self.subjects = subjects
        self.traits = traits
        self.values = values
    }

    /// Parses a CSV/TSV with the subject ID in `idColumn` (first column when nil) and one
    /// numeric column per trait.
    public static func parse(_ bytes: [UInt8], source: String, idColumn: String? = nil) throws -> TraitTable {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RadVaultError.invalidInput("\(source): expected UTF-8 text")
        }
        let table = try DelimitedTable.parse(text, source: source)
        let id =
            try idColumn.map { name in
                guard let i = table.column(named: name) else {
                    throw RadVaultError.invalidInput("\(source): subject ID column \"\(name)\" not found")
                }
                return i
            } ?? 0
        let cols = table.header.indices.filter { $0 != id }
        guard !cols.isEmpty else {
            throw RadVaultError.invalidInput("\(source): no trait columns besides the subject ID column")
        }
        var m = Matrix(rows: table.rows.count, columns: cols.count)
        for (r, row) in table.rows.enumerated() {
            for (c, col) in cols.enumerated() {
                let s = row[col].trimmingCharacters(in: .whitespaces)
                if ExpressionTableReader.missingTokens.contains(s) {
                    m[r, c] = .nan
                } else if let v = Double(s), v.isFinite {
                    m[r, c] = v
                } else {
                    throw RadVaultError.invalidInput(
                        "\(source): line \(r + 2), column \"\(table.header[col])\": \"\(row[col])\" is not a number")
                }
            }
        }
        return try TraitTable(
            subjects: table.rows.map { $0[id].trimmingCharacters(in: .whitespaces) },
            traits: cols.map { table.header[$0] },
            values: m)
    }
}
