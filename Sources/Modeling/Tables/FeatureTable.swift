import Foundation
import RadVaultCore

/// A subjects × numeric features table: the input of every model.
///
/// Stored feature-major (`columns[j][i]` is feature j of subject i). Its canonical JSON form
/// (`radvault.features/1`) is what the archive stores and hashes; `digest` is the SHA-256 of
/// those bytes. Values may be NaN or infinite here (an imported table keeps what it was
/// given); the modelling pipeline rejects them and names the subject and feature.
public struct FeatureTable: Codable, Sendable, Equatable {
    /// Format tag of the canonical JSON form.
    public static let format = "radvault.features/1"

    public var subjects: [String]
    public var features: [String]
    public var columns: [[Double]]

    /// Creates a table, checking shapes and that subject and feature names are unique.
    public init(subjects: [String], features: [String], columns: [[Double]]) throws {
        guard columns.count == features.count, columns.allSatisfy({ $0.count == subjects.count }) else {
            throw RadVaultError.invalidInput(
                "feature table: expected \(features.count) columns of \(subjects.count) values each")
        }
        if let dup = Self.firstDuplicate(subjects) {
            throw RadVaultError.invalidInput("feature table: subject '\(dup)' appears more than once")
        }
        if let dup = Self.firstDuplicate(features) {
            throw RadVaultError.invalidInput("feature table: feature '\(dup)' appears more than once")
        }
        self.subjects = subjects
        self.features = features
        self.columns = columns
    }

    enum CodingKeys: String, CodingKey { case format, subjects, features, columns }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let format = try c.decode(String.self, forKey: .format)
        guard format == Self.format else {
            throw RadVaultError.invalidInput("feature table: format '\(format)', expected '\(Self.format)'")
        }
        try self.init(
            subjects: try c.decode([String].self, forKey: .subjects),
            features: try c.decode([String].self, forKey: .features),
            columns: try c.decode([[Double]].self, forKey: .columns))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.format, forKey: .format)
        try c.encode(subjects, forKey: .subjects)
        try c.encode(features, forKey: .features)
        try c.encode(columns, forKey: .columns)
    }

    /// Canonical JSON bytes.
    public func canonicalBytes() throws -> [UInt8] { try CanonicalJSON.bytes(self) }

    /// Digest of the canonical JSON bytes.
    public func digest() throws -> Digest { Digest.of(try canonicalBytes()) }

    /// Decodes the canonical JSON form.
    public static func decode(canonical bytes: [UInt8]) throws -> FeatureTable {
        do {
            return try CanonicalJSON.decode(FeatureTable.self, from: bytes)
        } catch let error as RadVaultError {
            throw error
        } catch {
            throw RadVaultError.invalidInput("feature table JSON: \(error)")
        }
    }

    /// The table restricted to some subjects (in the given order) and optionally some features.
    public func selecting(subjects wanted: [String], features wantedFeatures: [String]? = nil) throws -> FeatureTable {
        let rowIndex = Dictionary(uniqueKeysWithValues: subjects.enumerated().map { ($1, $0) })
        let rows = try wanted.map { s -> Int in
            guard let r = rowIndex[s] else { throw RadVaultError.notFound("feature table: no subject '\(s)'") }
            return r
        }
        let names = wantedFeatures ?? features
        let colIndex = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
        let cols = try names.map { f -> [Double] in
            guard let j = colIndex[f] else {
                throw RadVaultError.invalidInput("feature table: feature '\(f)' is missing (the model needs it)")
            }
            return rows.map { columns[j][$0] }
        }
        return try FeatureTable(subjects: wanted, features: names, columns: cols)
    }

    /// Throws naming the first subject and feature whose value is NaN or infinite.
    public func checkFinite(source: String = "features") throws {
        for (j, column) in columns.enumerated() {
            for (i, v) in column.enumerated() where !v.isFinite {
                let count = columns.reduce(0) { $0 + $1.filter { !$0.isFinite }.count }
                throw RadVaultError.invalidInput(
                    "\(source): feature '\(features[j])' of subject '\(subjects[i])' is \(v) "
                        + "(\(count) non-finite value(s) in total); impute or drop them first")
            }
        }
    }

    static func firstDuplicate(_ names: [String]) -> String? {
        var seen: Set<String> = []
        for n in names where !seen.insert(n).inserted { return n }
        return nil
    }
}
