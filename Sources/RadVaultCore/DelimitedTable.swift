import Foundation

/// A delimited text table (CSV or TSV, RFC 4180 quoting), read whole: header plus rows of cells.
///
/// Used by every module that reads tables (clinical data, feature tables, expression tables),
/// so quoting, line endings and error messages behave the same everywhere.
public struct DelimitedTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Where the table came from (a file name), for error messages.
    public var source: String

    public init(header: [String], rows: [[String]], source: String) {
        self.header = header
        self.rows = rows
        self.source = source
    }

    /// Index of a column by exact name.
    public func column(named name: String) -> Int? { header.firstIndex(of: name) }

    /// Reads a file; the delimiter is a tab for `.tsv`/`.txt` or when the first line has tabs
    /// and no commas, otherwise a comma.
    public static func read(path: String) throws -> DelimitedTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RadVaultError.notFound("\(path): file not found or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RadVaultError.invalidInput("\(path): expected UTF-8 text")
        }
        return try parse(text, source: path)
    }

    public static func parse(_ text: String, source: String, delimiter: Character? = nil) throws -> DelimitedTable {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delim: Character =
            delimiter
            ?? ((source.hasSuffix(".tsv") || source.hasSuffix(".txt")
                || (firstLine.contains("\t") && !firstLine.contains(","))) ? "\t" : ",")
        var records = try splitRecords(text, delimiter: delim, source: source)
        while let last = records.last, last.count == 1, last[0].isEmpty { records.removeLast() }
        guard let header = records.first, !(header.count == 1 && header[0].isEmpty) else {
            throw RadVaultError.invalidInput("\(source): empty table, expected a header row")
        }
        var rows: [[String]] = []
        for (i, r) in records.dropFirst().enumerated() {
            if r.count == 1 && r[0].isEmpty { continue }
            guard r.count == header.count else {
                throw RadVaultError.invalidInput(
                    "\(source): line \(i + 2) has \(r.count) fields, expected \(header.count) (as in the header)")
            }
            rows.append(r)
        }
        let trimmedHeader = header.map { $0.trimmingCharacters(in: .whitespaces) }
        return DelimitedTable(header: trimmedHeader, rows: rows, source: source)
    }

    static func splitRecords(_ text: String, delimiter: Character, source: String) throws -> [[String]] {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var it = text.makeIterator()
        var pending: Character? = nil
        while true {
            let c: Character
            if let p = pending {
                c = p
                pending = nil
            } else if let n = it.next() {
                c = n
            } else {
                break
            }
            if inQuotes {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                inQuotes = true
            } else if c == delimiter {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
                line += 1
            } else {
                field.append(c)
            }
        }
        if inQuotes {
            throw RadVaultError.invalidInput("\(source): unterminated quoted field starting before line \(line)")
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// Writes CSV text with minimal quoting.
    public static func csv(header: [String], rows: [[String]]) -> String {
        func q(_ s: String) -> String {
            if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = header.map(q).joined(separator: ",") + "\n"
        for r in rows { out += r.map(q).joined(separator: ",") + "\n" }
        return out
    }
}
