import Foundation
import LinearAlgebra
import RadVaultCore

/// Turns a parsed delimited table into an `ExpressionTable`: orientation, numbers, missing
/// values, duplicate symbols, the optional log2(x+1) transform, and the "is this really a
/// feature table?" check.
struct ExpressionTableReader {
    let table: DelimitedTable
    let options: ExpressionReadOptions

    /// Cells read as missing (R's `read.csv` na.strings plus common spellings).
    static let missingTokens: Set<String> = ["", "NA", "NaN", "nan", "NULL", "null", "N/A", "#N/A", "."]

    func read() throws -> ExpressionTable {
        let idColumn = try identifierColumnIndex()
        let dataColumns = table.header.indices.filter { $0 != idColumn }
        guard !dataColumns.isEmpty, !table.rows.isEmpty else {
            throw RadVaultError.invalidInput(
                "\(table.source): expression table needs at least one data row and one data column, found "
                    + "\(table.rows.count) rows and \(dataColumns.count) data columns")
        }
        let genesByRows = orientationIsGenesByRows(dataRows: table.rows.count, dataColumns: dataColumns.count)
        let rowIDs = table.rows.map { $0[idColumn].trimmingCharacters(in: .whitespaces) }
        let columnIDs = dataColumns.map { table.header[$0] }
        let geneIDs = genesByRows ? rowIDs : columnIDs
        let sampleIDs = genesByRows ? columnIDs : rowIDs
        try checkNotAFeatureTable(
            rowIDs: rowIDs, columnNames: columnIDs, geneCount: geneIDs.count, sampleCount: sampleIDs.count)
        try checkUnique(sampleIDs, what: "sample identifier")
        var grid = Matrix(rows: sampleIDs.count, columns: geneIDs.count)
        for (r, row) in table.rows.enumerated() {
            for (c, col) in dataColumns.enumerated() {
                let v = try number(row[col], line: r + 2, column: table.header[col])
                if genesByRows { grid[c, r] = v } else { grid[r, c] = v }
            }
        }
        var warnings: [String] = []
        if options.log2Transform {
            try applyLog2(&grid)
            warnings.append("\(table.source): applied log2(x + 1) to every value")
        }
        let (genes, values) = try collapseDuplicates(geneIDs, grid, warnings: &warnings)
        return try ExpressionTable(genes: genes, samples: sampleIDs, values: values, warnings: warnings)
    }

    private func identifierColumnIndex() throws -> Int {
        guard let name = options.identifierColumn else { return 0 }
        guard let i = table.column(named: name) else {
            throw RadVaultError.invalidInput(
                "\(table.source): identifier column \"\(name)\" not found; header has "
                    + table.header.prefix(5).joined(separator: ", "))
        }
        return i
    }

    /// Genes × samples when stated, otherwise when there are more data rows than data columns
    /// (a transcriptome has far more genes than samples).
    private func orientationIsGenesByRows(dataRows: Int, dataColumns: Int) -> Bool {
        switch options.orientation {
        case .genesBySamples: return true
        case .samplesByGenes: return false
        case .auto: return dataRows > dataColumns
        }
    }

    private func number(_ cell: String, line: Int, column: String) throws -> Double {
        let s = cell.trimmingCharacters(in: .whitespaces)
        if Self.missingTokens.contains(s) { return .nan }
        guard let v = Double(s), v.isFinite else {
            throw RadVaultError.invalidInput(
                "\(table.source): line \(line), column \"\(column)\": \"\(cell)\" is not a number "
                    + "(expected a finite number or NA)")
        }
        return v
    }

    private func applyLog2(_ grid: inout Matrix) throws {
        for k in grid.storage.indices where !grid.storage[k].isNaN {
            let v = grid.storage[k]
            guard v > -1 else {
                throw RadVaultError.invalidInput(
                    "\(table.source): log2(x + 1) needs values > -1, found \(v); turn off log2 for log-scale data")
            }
            grid.storage[k] = log2(v + 1)
        }
    }

    private func checkUnique(_ ids: [String], what: String) throws {
        var seen = Set<String>()
        let dups = ids.filter { !seen.insert($0).inserted }
        guard dups.isEmpty else {
            throw RadVaultError.invalidInput(
                "\(table.source): duplicate \(what)s: " + Array(Set(dups)).sorted().prefix(5).joined(separator: ", "))
        }
        if let empty = ids.firstIndex(of: "") {
            throw RadVaultError.invalidInput("\(table.source): empty \(what) at position \(empty + 1)")
        }
    }

    /// Duplicate gene symbols: rejected, or averaged sample by sample (missing values ignored)
    /// with a warning naming them. First occurrence fixes the gene's position.
    private func collapseDuplicates(_ ids: [String], _ grid: Matrix, warnings: inout [String]) throws
        -> ([String], Matrix)
    {
        if let empty = ids.firstIndex(of: "") {
            throw RadVaultError.invalidInput("\(table.source): empty gene symbol at gene \(empty + 1)")
        }
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (j, g) in ids.enumerated() {
            if groups[g] == nil { order.append(g) }
            groups[g, default: []].append(j)
        }
        let duplicated = order.filter { (groups[$0]?.count ?? 0) > 1 }
        if duplicated.isEmpty { return (ids, grid) }
        let listing =
            duplicated.prefix(10).map { "\($0) (×\(groups[$0]?.count ?? 0))" }.joined(separator: ", ")
            + (duplicated.count > 10 ? ", …" : "")
        if options.duplicatePolicy == .reject {
            throw RadVaultError.invalidInput(
                "\(table.source): \(duplicated.count) duplicate gene symbols: \(listing); "
                    + "expected unique symbols (or duplicate_policy: collapse_mean)")
        }
        warnings.append("\(table.source): \(duplicated.count) duplicate gene symbols collapsed by mean: \(listing)")
        var out = Matrix(rows: grid.rows, columns: order.count)
        for (jj, g) in order.enumerated() {
            let cols = groups[g] ?? []
            for i in 0..<grid.rows {
                var sum = 0.0
                var n = 0
                for j in cols where !grid[i, j].isNaN {
                    sum += grid[i, j]
                    n += 1
                }
                out[i, jj] = n > 0 ? sum / Double(n) : .nan
            }
        }
        return (order, out)
    }
}
