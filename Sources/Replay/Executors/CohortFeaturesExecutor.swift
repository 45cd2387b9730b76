import Foundation
import Modeling
import RadVaultCore

/// `cohort-features`: per-subject feature artifacts → one cohort feature table.
///
/// Inputs: one per subject, the role being the subject ID (`<subject>` or `<subject>/<roi>`
/// when a subject has several ROIs), each the `features` output of an `extract` run. Output
/// `table`: Modeling's canonical `radvault.features/1` table with subjects in sorted role order
/// and the union of feature columns in sorted order; a feature absent for a subject (a family
/// skipped on a degenerate ROI) is NaN. The table's digest therefore does not depend on the
/// order in which subjects were extracted, nor on `--jobs`.
public struct CohortFeaturesExecutor: Executor {
    public let kind = "cohort-features"
    public let name = "radvault-cohort-features"
    public let version = "1"
    public let tolerance = Tolerance.exact

    public init() {}

    public func execute(inputs: [String: Data], params: Data) throws -> [String: Data] {
        guard !inputs.isEmpty else {
            throw RadVaultError.invalidInput("cohort-features: no subject features given; expected at least one")
        }
        let subjects = inputs.keys.sorted()
        var perSubject: [[String: Double]] = []
        var names = Set<String>()
        for subject in subjects {
            guard let bytes = inputs[subject] else { continue }
            let doc = try CanonicalJSON.parse(bytes)
            guard let features = doc["features"]?.objectValue else {
                throw RadVaultError.invalidInput(
                    "cohort-features: input '\(subject)' has no 'features' object; expected an extract output")
            }
            var row: [String: Double] = [:]
            for (name, value) in features {
                guard let v = value.doubleValue else {
                    throw RadVaultError.invalidInput(
                        "cohort-features: input '\(subject)' feature '\(name)' is not a number")
                }
                row[name] = v
                names.insert(name)
            }
            perSubject.append(row)
        }
        let features = names.sorted()
        let columns = features.map { name in perSubject.map { $0[name] ?? .nan } }
        let table = try FeatureTable(subjects: subjects, features: features, columns: columns)
        return ["table": Data(try table.canonicalBytes())]
    }
}
