import LinearAlgebra
import RadVaultCore

/// A gene expression table: samples × genes values (NaN = missing) with gene symbols.
///
/// Values are held in a column-major `Matrix` with one row per sample and one column per gene,
/// so each gene's profile is contiguous (what correlation and WGCNA read).
public struct ExpressionTable: Sendable {
    /// Gene symbols, unique, in file order (after collapsing duplicates).
    public var genes: [String]
    /// Sample identifiers, in file order.
    public var samples: [String]
    /// samples × genes; NaN marks a missing value.
    public var values: Matrix
    /// Number of missing values (NaN) in `values`.
    public var missingCount: Int
    /// Warnings raised while reading (duplicates collapsed, transform applied, …).
    public var warnings: [String]

    /// Creates a table from already-parsed values.
    public init(genes: [String], samples: [String], values: Matrix, warnings: [String] = []) throws {
        guard values.rows == samples.count, values.columns == genes.count else {
            throw RadVaultError.invalidInput(
                "expression table: values are \(values.rows)×\(values.columns), expected \(samples.count) samples × "
                    + "\(genes.count) genes")
        }
        guard Set(genes).count == genes.count else {
            throw RadVaultError.invalidInput("expression table: gene symbols must be unique")
        }
        guard Set(samples).count == samples.count else {
            throw RadVaultError.invalidInput("expression table: sample identifiers must be unique")
        }
        self.genes = genes
        self.samples = samples
        self.values = values
        self.missingCount = values.storage.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        self.warnings = warnings
    }

    /// Parses CSV/TSV bytes (UTF-8) into an expression table.
    public static func parse(_ bytes: [UInt8], source: String, options: ExpressionReadOptions = .init()) throws
        -> ExpressionTable
    {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RadVaultError.invalidInput("\(source): expected UTF-8 text")
        }
        let table = try DelimitedTable.parse(text, source: source)
        return try ExpressionTableReader(table: table, options: options).read()
    }

    /// The sub-table of the given samples (in the given order) and genes.
    public func selecting(samples keep: [Int], genes keepGenes: [Int]) throws -> ExpressionTable {
        var m = Matrix(rows: keep.count, columns: keepGenes.count)
        for (jj, j) in keepGenes.enumerated() {
            for (ii, i) in keep.enumerated() { m[ii, jj] = values[i, j] }
        }
        return try ExpressionTable(
            genes: keepGenes.map { genes[$0] }, samples: keep.map { samples[$0] }, values: m, warnings: warnings)
    }
}

/// How an expression file is laid out and transformed.
public struct ExpressionReadOptions: Sendable, Codable, Equatable {
    /// Table orientation.
    public enum Orientation: String, Sendable, Codable, Equatable {
        /// Detect: genes × samples when there are more data rows than data columns.
        case auto
        /// One row per gene, one column per sample.
        case genesBySamples = "genes_x_samples"
        /// One row per sample, one column per gene.
        case samplesByGenes = "samples_x_genes"
    }

    /// What to do with a gene symbol that occurs more than once.
    public enum DuplicatePolicy: String, Sendable, Codable, Equatable {
        /// Average the rows sample by sample (missing values ignored) and warn, listing them.
        case collapseMean = "collapse_mean"
        /// Refuse the file, listing the duplicates.
        case reject
    }

    public var orientation: Orientation
    /// Name of the identifier column (gene symbol for genes × samples, sample ID otherwise);
    /// the first column when nil.
    public var identifierColumn: String?
    /// Apply log2(x + 1) to every value.
    public var log2Transform: Bool
    public var duplicatePolicy: DuplicatePolicy

    public init(
        orientation: Orientation = .auto, identifierColumn: String? = nil, log2Transform: Bool = false,
        duplicatePolicy: DuplicatePolicy = .collapseMean
    ) {
        self.orientation = orientation
        self.identifierColumn = identifierColumn
        self.log2Transform = log2Transform
        self.duplicatePolicy = duplicatePolicy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case orientation
        case identifierColumn = "identifier_column"
        case log2Transform = "log2_transform"
        case duplicatePolicy = "duplicate_policy"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orientation = try c.decodeIfPresent(Orientation.self, forKey: .orientation) ?? .auto
        identifierColumn = try c.decodeIfPresent(String.self, forKey: .identifierColumn)
        log2Transform = try c.decodeIfPresent(Bool.self, forKey: .log2Transform) ?? false
        duplicatePolicy = try c.decodeIfPresent(DuplicatePolicy.self, forKey: .duplicatePolicy) ?? .collapseMean
    }
}
