import Foundation
import RadVaultCore

/// One IBSI-1 reference value (a row of Resources/ibsi/ibsi1_reference_values.csv).
public struct IBSIReferenceRow: Sendable, Hashable {
    public var family: FeatureFamily
    /// The feature heading, as in `FeatureDefinition.name`.
    public var feature: String
    public var ibsiCode: String
    public var aggregation: Aggregation?
    /// `digital` or `ct`.
    public var phantom: String
    /// Empty for the digital phantom, `A`–`E` for the CT phantom.
    public var config: String
    public var value: Double
    public var tolerance: Double
}

/// The IBSI-1 reference data bundled with the module (found through `Bundle.module`, so no
/// source checkout is needed).
public enum IBSIReferenceData {
    /// The folder holding the bundled IBSI data (README, licences, phantoms, reference values).
    public static func directory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "ibsi", withExtension: nil) else {
            throw RadVaultError.notFound(
                "Radiomics resources: the bundled folder 'ibsi' is missing from the module bundle")
        }
        return url
    }

    /// Path of a file inside the bundled IBSI folder.
    public static func path(_ relative: String) throws -> String {
        let url = try directory().appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw RadVaultError.notFound("\(url.path): bundled IBSI file is missing")
        }
        return url.path
    }

    /// All reference rows (1803).
    public static func rows() throws -> [IBSIReferenceRow] {
        let file = try path("ibsi1_reference_values.csv")
        return try parse(DelimitedTable.read(path: file))
    }

    /// Parses the reference table; every cell is checked.
    static func parse(_ table: DelimitedTable) throws -> [IBSIReferenceRow] {
        let columns = ["family", "feature", "ibsi_code", "aggregation", "phantom", "config", "value", "tolerance"]
        let index = try columns.map { name -> Int in
            guard let i = table.column(named: name) else {
                throw RadVaultError.corrupt("\(table.source): column '\(name)' is missing; expected \(columns)")
            }
            return i
        }
        return try table.rows.enumerated().map { offset, cells in
            let line = offset + 2
            func cell(_ k: Int) throws -> String {
                guard index[k] < cells.count else {
                    throw RadVaultError.corrupt("\(table.source):\(line): column '\(columns[k])' is missing")
                }
                return cells[index[k]]
            }
            guard let family = FeatureFamily(rawValue: try cell(0)) else {
                throw RadVaultError.corrupt("\(table.source):\(line): family '\(try cell(0))' is unknown")
            }
            let aggregationToken = try cell(3)
            let aggregation = aggregationToken.isEmpty ? nil : Aggregation(rawValue: aggregationToken)
            guard aggregationToken.isEmpty || aggregation != nil else {
                throw RadVaultError.corrupt("\(table.source):\(line): aggregation '\(aggregationToken)' is unknown")
            }
            guard let value = Double(try cell(6)), let tolerance = Double(try cell(7)) else {
                throw RadVaultError.corrupt("\(table.source):\(line): value or tolerance is not a number")
            }
            return IBSIReferenceRow(
                family: family, feature: try cell(1), ibsiCode: try cell(2), aggregation: aggregation,
                phantom: try cell(4), config: try cell(5), value: value, tolerance: tolerance)
        }
    }
}
