import Foundation
import RadVaultCore

/// Finds the subject-identifier column of an imported table.
enum SubjectColumn {
    /// Column names recognised as the subject identifier, in order of preference.
    static let candidates = ["subject", "Subject", "subject_id", "id", "ID", "PatientID", "patient_id"]

    /// Index of the subject column: `override` when given, else the first recognised name,
    /// else the first column.
    static func locate(in table: DelimitedTable, override: String?) throws -> Int {
        if let override {
            guard let index = table.column(named: override) else {
                throw RadVaultError.invalidInput(
                    "\(table.source): subject column '\(override)' not found; columns are "
                        + table.header.prefix(8).joined(separator: ", "))
            }
            return index
        }
        for name in candidates {
            if let index = table.column(named: name) { return index }
        }
        guard !table.header.isEmpty else {
            throw RadVaultError.invalidInput("\(table.source): the table has no header row")
        }
        return 0
    }

    /// The subject identifiers, rejecting empty and duplicated ones.
    static func identifiers(in table: DelimitedTable, column: Int) throws -> [String] {
        var seen: Set<String> = []
        var subjects: [String] = []
        for (r, row) in table.rows.enumerated() {
            let id = column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : ""
            guard !id.isEmpty else {
                throw RadVaultError.invalidInput(
                    "\(table.source): row \(r + 2) has an empty subject identifier in column '\(table.header[column])'")
            }
            guard seen.insert(id).inserted else {
                throw RadVaultError.invalidInput(
                    "\(table.source): subject '\(id)' appears more than once in column '\(table.header[column])'")
            }
            subjects.append(id)
        }
        return subjects
    }

    /// Parses a numeric cell: trimmed, empty → nil (missing); also accepts nan/inf spellings.
    static func number(_ cell: String) -> Double?? {
        let t = cell.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "NA" { return .some(nil) }
        if let d = Double(t) { return .some(d) }
        return nil
    }
}
