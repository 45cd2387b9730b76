import Foundation
import RadVaultCore

/// A named gene set (one line of a GMT file).
public struct GeneSet: Sendable, Equatable, Codable {
    public var name: String
    public var description: String
    /// Gene symbols, in file order, duplicates removed.
    public var genes: [String]

    public init(name: String, description: String, genes: [String]) {
        self.name = name
        self.description = description
        self.genes = genes
    }

    /// Parses GMT (Broad): per line `name<TAB>description<TAB>gene<TAB>gene…`.
    /// Blank lines are skipped; a line without genes or a repeated set name is an error naming the line.
    public static func parseGMT(_ bytes: [UInt8], source: String) throws -> [GeneSet] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RadVaultError.invalidInput("\(source): expected UTF-8 text")
        }
        var sets: [GeneSet] = []
        var names = Set<String>()
        for (i, rawLine) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        ).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let name = fields[0]
            guard !name.isEmpty else {
                throw RadVaultError.invalidInput("\(source): line \(i + 1) has an empty gene-set name")
            }
            var seen = Set<String>()
            let genes = fields.dropFirst(2).filter { !$0.isEmpty && seen.insert($0).inserted }
            guard !genes.isEmpty else {
                throw RadVaultError.invalidInput(
                    "\(source): line \(i + 1) (gene set \"\(name)\") has no genes; expected name, description and "
                        + "at least one gene, separated by tabs")
            }
            guard names.insert(name).inserted else {
                throw RadVaultError.invalidInput("\(source): line \(i + 1) repeats gene set name \"\(name)\"")
            }
            sets.append(GeneSet(name: name, description: fields.count > 1 ? fields[1] : "", genes: Array(genes)))
        }
        return sets
    }
}
