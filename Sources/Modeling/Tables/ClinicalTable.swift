import Foundation
import RadVaultCore

/// Per-subject clinical data: outcome columns and covariates, all numeric (NaN = missing).
///
/// Binary outcomes are coded 0/1; a time-to-event outcome is a time column (≥ 0) and an event
/// column (1 = event, 0 = censored).
public struct ClinicalTable: Codable, Sendable, Equatable {
    public static let format = "radvault.clinical/1"

    public var subjects: [String]
    public var columnNames: [String]
    /// `columns[j][i]`: column j of subject i.
    public var columns: [[Double]]
    /// Where the table came from, for error messages.
    public var source: String

    public init(subjects: [String], columnNames: [String], columns: [[Double]], source: String = "clinical") throws {
        guard columns.count == columnNames.count, columns.allSatisfy({ $0.count == subjects.count }) else {
            throw RadVaultError.invalidInput(
                "\(source): expected \(columnNames.count) columns of \(subjects.count) values each")
        }
        if let dup = FeatureTable.firstDuplicate(subjects) {
            throw RadVaultError.invalidInput("\(source): subject '\(dup)' appears more than once")
        }
        self.subjects = subjects
        self.columnNames = columnNames
        self.columns = columns
        self.source = source
    }

    /// Imports a CSV/TSV: a subject column (detected as for feature tables) and numeric columns.
    /// Non-numeric columns are skipped; asking for one later gives an error naming it.
    public static func importDelimited(_ text: String, source: String, subjectColumn: String? = nil) throws
        -> ClinicalTable
    {
        let table = try DelimitedTable.parse(text, source: source)
        let subjectIndex = try SubjectColumn.locate(in: table, override: subjectColumn)
        let subjects = try SubjectColumn.identifiers(in: table, column: subjectIndex)
        var names: [String] = []
        var columns: [[Double]] = []
        for (j, name) in table.header.enumerated() where j != subjectIndex {
            var column: [Double] = []
            var numeric = true
            for row in table.rows {
                guard let parsed = SubjectColumn.number(j < row.count ? row[j] : "") else {
                    numeric = false
                    break
                }
                column.append(parsed ?? .nan)
            }
            if numeric {
                names.append(name)
                columns.append(column)
            }
        }
        let nonNumeric = table.header.enumerated().filter { $0.offset != subjectIndex && !names.contains($0.element) }
        var result = try ClinicalTable(subjects: subjects, columnNames: names, columns: columns, source: source)
        result.nonNumericColumns = nonNumeric.map(\.element)
        return result
    }

    /// Columns skipped at import because they were not numeric (not encoded).
    public var nonNumericColumns: [String] = []

    enum CodingKeys: String, CodingKey { case subjects, columnNames = "columns", columns = "values", source }

    /// The values of a column, or an error naming the table, the column and what exists.
    public func column(_ name: String, role: String) throws -> [Double] {
        if let j = columnNames.firstIndex(of: name) { return columns[j] }
        if nonNumericColumns.contains(name) {
            throw RadVaultError.invalidInput("\(source): \(role) column '\(name)' is not numeric")
        }
        throw RadVaultError.invalidInput(
            "\(source): \(role) column '\(name)' not found; columns are "
                + columnNames.prefix(10).joined(separator: ", "))
    }
}
