import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// The canonical model JSON (`radvault.model/2`): coefficients and scaler keyed by feature name.
@Suite struct ModelArtifactTests {
    static func fitted() throws -> FittedModel {
        let out = try ModelingPipeline.run(
            features: SyntheticCohort.features(), clinical: SyntheticCohort.clinical(), outcome: .binary(column: "y"),
            settings: try SyntheticCohort.settings(SyntheticCohort.lassoLogisticYAML))
        return out.model
    }

    @Test func termsAreKeyedByFeatureInSelectionOrder() throws {
        let model = try Self.fitted()
        try #require(model.features.count >= 2)
        let doc = try CanonicalJSON.parse(Data(try model.canonicalBytes()))
        #expect(doc["format"]?.stringValue == "radvault.model/2")
        for key in ["features", "means", "sds", "coefficients"] { #expect(doc[key] == nil, "\(key)") }
        let terms = doc["terms"]?.arrayValue ?? []
        #expect(terms.compactMap { $0["feature"]?.stringValue } == model.features)
        for (j, term) in terms.enumerated() {
            #expect(term["coefficient"]?.doubleValue == model.coefficients[j])
            #expect(term["mean"]?.doubleValue == model.means[j])
            #expect(term["sd"]?.doubleValue == model.sds[j])
        }
        let back = try FittedModel.decode(canonical: model.canonicalBytes())
        #expect(back == model)
        #expect(try back.canonicalBytes() == model.canonicalBytes())
    }

    @Test func legacyParallelArraysStillDecode() throws {
        let model = try Self.fitted()
        guard case .object(var doc) = try CanonicalJSON.parse(Data(try model.canonicalBytes())) else {
            Issue.record("model JSON is not an object")
            return
        }
        doc["format"] = .string("radvault.model/1")
        doc["terms"] = nil
        doc["features"] = .array(model.features.map { .string($0) })
        doc["means"] = .array(model.means.map { .number($0) })
        doc["sds"] = .array(model.sds.map { .number($0) })
        doc["coefficients"] = .array(model.coefficients.map { .number($0) })
        let legacy = try FittedModel.decode(canonical: CanonicalJSON.bytes(.object(doc)))
        #expect(legacy == model)
        #expect(try legacy.canonicalBytes() == model.canonicalBytes())
    }

    @Test func badModelDocumentsAreNamed() throws {
        let model = try Self.fitted()
        guard case .object(var doc) = try CanonicalJSON.parse(Data(try model.canonicalBytes())),
            let first = doc["terms"]?.arrayValue?.first
        else {
            Issue.record("model JSON has no terms")
            return
        }
        doc["terms"] = .array([first, first])
        #expect {
            try FittedModel.decode(canonical: CanonicalJSON.bytes(.object(doc)))
        } throws: { error in
            ((error as? RadVaultError)?.message ?? "").contains("'terms' names a feature twice")
        }
        doc["format"] = .string("radvault.model/9")
        #expect {
            try FittedModel.decode(canonical: CanonicalJSON.bytes(.object(doc)))
        } throws: { error in
            ((error as? RadVaultError)?.message ?? "").contains(
                "format 'radvault.model/9', expected 'radvault.model/2'")
        }
    }
}
