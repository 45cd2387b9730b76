import RadVaultCore

/// A column left out when importing a wide feature table, and why.
public struct DroppedColumn: Codable, Sendable, Equatable {
    public var name: String
    public var reason: String
}

/// The result of importing an external feature table: the table and the columns dropped.
public struct FeatureImport: Sendable {
    public var table: FeatureTable
    public var dropped: [DroppedColumn]
    public var subjectColumn: String
}

extension FeatureTable {
    /// Imports a wide CSV/TSV (a subject column plus numeric columns, e.g. PyRadiomics' batch
    /// output).
    ///
    /// The subject column is `subjectColumn` when given, else the first of `subject`, `id`,
    /// `ID`, `PatientID` (and close spellings), else the first column. PyRadiomics
    /// `diagnostics_*` columns and every column with a non-numeric cell are dropped and listed.
    /// Empty and `NA` cells become NaN (rejected later by the pipeline with subject and feature).
    public static func importDelimited(
        _ text: String, source: String, subjectColumn: String? = nil
    ) throws -> FeatureImport {
        let table = try DelimitedTable.parse(text, source: source)
        let subjectIndex = try SubjectColumn.locate(in: table, override: subjectColumn)
        let subjects = try SubjectColumn.identifiers(in: table, column: subjectIndex)
        var names: [String] = []
        var columns: [[Double]] = []
        var dropped: [DroppedColumn] = []
        for (j, name) in table.header.enumerated() where j != subjectIndex {
            if name.hasPrefix("diagnostics_") {
                dropped.append(DroppedColumn(name: name, reason: "PyRadiomics diagnostic column"))
                continue
            }
            var column: [Double] = []
            column.reserveCapacity(subjects.count)
            var badCell: (row: Int, text: String)?
            for (r, row) in table.rows.enumerated() {
                let cell = j < row.count ? row[j] : ""
                guard let parsed = SubjectColumn.number(cell) else {
                    badCell = (r, cell)
                    break
                }
                column.append(parsed ?? .nan)
            }
            if let badCell {
                let shown = badCell.text.count > 24 ? String(badCell.text.prefix(24)) + "…" : badCell.text
                dropped.append(
                    DroppedColumn(
                        name: name, reason: "non-numeric value '\(shown)' for subject '\(subjects[badCell.row])'"))
            } else if column.allSatisfy({ $0.isNaN }) {
                dropped.append(DroppedColumn(name: name, reason: "no values"))
            } else {
                names.append(name)
                columns.append(column)
            }
        }
        guard !names.isEmpty else {
            throw RadVaultError.invalidInput("\(source): no numeric feature columns besides the subject column")
        }
        let result = try FeatureTable(subjects: subjects, features: names, columns: columns)
        return FeatureImport(table: result, dropped: dropped, subjectColumn: table.header[subjectIndex])
    }
}
