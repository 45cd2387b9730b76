import Foundation
import RadVaultCore
import Testing

@testable import Modeling

@Suite struct PipelineTests {
    @Test func importListsDroppedColumnsAndRoundTrips() throws {
        let imported = try FeatureTable.importDelimited(Fixture.text("synthetic_features.csv"), source: "f.csv")
        #expect(imported.subjectColumn == "PatientID")
        #expect(imported.table.features.count == 40)
        #expect(
            imported.dropped.map(\.name) == [
                "Image", "diagnostics_Versions_PyRadiomics", "diagnostics_Image-original_Spacing",
            ])
        #expect(imported.dropped[0].reason == "non-numeric value 'img000.nii.gz' for subject 'S000'")
        let bytes = try imported.table.canonicalBytes()
        let back = try FeatureTable.decode(canonical: bytes)
        #expect(back == imported.table)
        #expect(try back.digest() == imported.table.digest())
        let override = try FeatureTable.importDelimited(
            "a,key,x\n1,s1,2\n3,s2,4\n", source: "o.csv", subjectColumn: "key")
        #expect(override.table.subjects == ["s1", "s2"] && override.table.features == ["a", "x"])
    }

    @Test func settingsCanonicalFormRoundTrips() throws {
        let s = try SyntheticCohort.settings(SyntheticCohort.lassoLogisticYAML)
        #expect(s.model.lambdaCount == 100 && s.model.ties == .efron && s.selection.count == 3)
        let bytes = try s.canonicalBytes()
        #expect(try ModelSettings.fromCanonicalJSON(bytes) == s)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"lambdaRule\":\"min\""))
    }

    @Test func lassoLogisticHoldoutWithCombinedModel() throws {
        let settings = try SyntheticCohort.settings(SyntheticCohort.lassoLogisticYAML)
        let out = try ModelingPipeline.run(
            features: SyntheticCohort.features(), clinical: SyntheticCohort.clinical(), outcome: .binary(column: "y"),
            settings: settings)
        let model = out.model
        #expect(!model.features.isEmpty)
        #expect(model.features.contains("original_feat_00") || model.features.contains("original_feat_05"))
        #expect(!(model.features.contains("original_feat_07")))  // constant
        #expect(out.result.selection[0].removed.contains { $0.name == "original_feat_07" && $0.reason == "constant" })
        #expect(out.result.training.subjects.count == 84 && out.result.test?.subjects.count == 36)
        let test = try #require(out.result.test?.binary)
        #expect(test.auc > 0.7 && test.aucLower < test.auc && test.auc < test.aucUpper)
        let curve = try #require(out.result.lambdaCurve)
        #expect(curve.lambdas.count == 100 && model.lambda == curve.lambdaMin)
        let combined = try #require(model.combined)
        #expect(combined.terms.map(\.name) == ["radscore", "age", "stage"])
        // score() reproduces the training radscores through the canonical model bytes.
        let decoded = try FittedModel.decode(canonical: model.canonicalBytes())
        let features = try SyntheticCohort.features()
        let scores = try decoded.score(features: features)
        let training = try features.selecting(subjects: out.result.training.subjects, features: model.features)
        let direct = model.radscores(columns: training.columns)
        let bySubject = Dictionary(uniqueKeysWithValues: scores.map { ($0.subject, $0.radscore) })
        #expect(out.result.training.subjects.enumerated().allSatisfy { bySubject[$1] == direct[$0] })
    }

    @Test func lassoCoxRepeatedCVIsDeterministic() throws {
        let settings = try SyntheticCohort.settings(SyntheticCohort.lassoCoxYAML)
        func once() throws -> [UInt8] {
            let out = try ModelingPipeline.run(
                features: SyntheticCohort.features(), clinical: SyntheticCohort.clinical(),
                outcome: .survival(time: "time", event: "event"), settings: settings)
            return try CanonicalJSON.bytes(out)
        }
        let a = try once()
        let b = try once()
        #expect(Digest.of(a) == Digest.of(b))
        let out = try CanonicalJSON.decode(ModelingOutput.self, from: a)
        let summary = try #require(out.result.repeatedCV)
        #expect(summary.perRepeat.count == 2 && summary.metric == "cIndex")
        let km = try #require(out.result.training.survival)
        #expect(km.curves.map(\.label) == ["low", "high"] && km.cIndex > 0.5)
        #expect(out.model.modelType == .lassoCox && out.model.lambdaRule == .oneSE)
    }

    @Test func unpenalisedModelsAndExternalValidation() throws {
        let features = try SyntheticCohort.features()
        let clinical = try SyntheticCohort.clinical()
        let first = Array(features.subjects.prefix(80))
        let rest = Array(features.subjects.dropFirst(80))
        let yaml = """
            selection:
              - method: univariate
                test: welch
                fdr: 0.05
                maxFeatures: 3
            model: {type: logistic}
            validation: {scheme: external}
            """
        let out = try ModelingPipeline.run(
            features: features.selecting(subjects: first), clinical: clinical, outcome: .binary(column: "y"),
            settings: SyntheticCohort.settings(yaml), validation: (features.selecting(subjects: rest), clinical),
            allowPartial: true)
        #expect(out.model.features.count == 3)
        #expect(out.result.test?.subjects == rest)
        #expect(out.warnings.contains { $0.contains("40 subject(s) in clinical but not in features") })
        let cox = try ModelingPipeline.run(
            features: features, clinical: clinical, outcome: .survival(time: "time", event: "event"),
            settings: SyntheticCohort.settings(
                "selection: [{method: univariate, test: cox, maxFeatures: 2}]\nmodel: {type: cox}"))
        #expect(cox.model.features.count == 2)
        #expect((cox.result.training.survival?.cIndex ?? 0) > 0.6)
    }
}
