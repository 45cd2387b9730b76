import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// Each bad input gives a clear error (text asserted) or, where the brief says so, a warning.
@Suite struct BadInputTests {
    let logistic = ModelSettings(model: ModelSpec(type: .lassoLogistic, folds: 3))

    func tables(_ features: String, _ clinical: String) throws -> (FeatureTable, ClinicalTable) {
        (
            try FeatureTable.importDelimited(features, source: "f.csv").table,
            try ClinicalTable.importDelimited(clinical, source: "c.csv")
        )
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch let e as RadVaultError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    /// Six subjects, two features, binary y and survival columns.
    let features = "id,a,b\ns1,1,5\ns2,2,3\ns3,3,8\ns4,4,1\ns5,5,9\ns6,6,2\n"
    let clinical = "id,y,t,e,grade\ns1,0,5,1,1\ns2,1,6,0,2\ns3,0,7,1,1\ns4,1,8,0,3\ns5,0,9,1,2\ns6,1,10,0,1\n"

    @Test func outcomeColumnMissing() throws {
        let (f, c) = try tables(features, clinical)
        let m = message {
            _ = try ModelingPipeline.run(features: f, clinical: c, outcome: .binary(column: "mvi"), settings: logistic)
        }
        #expect(m == "c.csv: outcome column 'mvi' not found; columns are y, t, e, grade")
    }

    @Test func nonBinaryOutcomeForLogistic() throws {
        let (f, c) = try tables(features, clinical)
        let m = message {
            _ = try ModelingPipeline.run(
                features: f, clinical: c, outcome: .binary(column: "grade"), settings: logistic)
        }
        #expect(
            m
                == "training clinical: column 'grade' is 2.0 for subject 's2'; expected 0 or 1 (a binary outcome/event indicator)"
        )
    }

    @Test func subjectMismatchBothWays() throws {
        let (f, c) = try tables(features + "x1,7,7\nx2,8,8\n", clinical + "c9,1,3,1,1\n")
        let m = message {
            _ = try ModelingPipeline.run(features: f, clinical: c, outcome: .binary(column: "y"), settings: logistic)
        }
        #expect(
            m == "training cohort: 2 subject(s) in features but not in clinical (x1, x2); "
                + "1 subject(s) in clinical but not in features (c9); pass allowPartial (--allow-partial) to use the 6 subject(s) in both"
        )
        let out = try ModelingPipeline.run(
            features: f, clinical: c, outcome: .binary(column: "y"), settings: logistic, allowPartial: true)
        #expect(out.result.training.subjects == ["s1", "s2", "s3", "s4", "s5", "s6"])
        #expect(out.warnings.first?.hasSuffix("; using the 6 subject(s) in both") == true)
    }

    @Test func everyEventCensored() throws {
        let (f, c) = try tables(features, clinical.replacingOccurrences(of: ",1,", with: ",0,"))
        let cox = ModelSettings(model: ModelSpec(type: .cox))
        let m = message {
            _ = try ModelingPipeline.run(
                features: f, clinical: c, outcome: .survival(time: "t", event: "e"), settings: cox)
        }
        #expect(
            m
                == "training clinical: every one of the 6 subjects is censored (event column 'e' is all 0); a Cox model needs events"
        )
    }

    @Test func perfectSeparationConvergesWithWarning() throws {
        // Feature a separates y perfectly.
        let rows = (0..<30).map { i in "s\(i),\(i < 15 ? Double(i) : Double(i) + 100),\((i * 7) % 11)" }
        let f = try FeatureTable.importDelimited("id,a,b\n" + rows.joined(separator: "\n"), source: "f.csv").table
        let c = try ClinicalTable.importDelimited(
            "id,y\n" + (0..<30).map { "s\($0),\($0 < 15 ? 0 : 1)" }.joined(separator: "\n"), source: "c.csv")
        let out = try ModelingPipeline.run(features: f, clinical: c, outcome: .binary(column: "y"), settings: logistic)
        #expect(
            out.warnings.contains { $0.hasPrefix("perfect separation: the training outcome is perfectly predicted") })
        #expect(out.model.coefficients.allSatisfy(\.isFinite) && out.model.features.contains("a"))
        #expect(out.result.training.binary?.auc == 1)
    }

    @Test func nonFiniteFeatureNamed() throws {
        let (f, c) = try tables(
            features.replacingOccurrences(of: "s4,4,1", with: "s4,4,inf").replacingOccurrences(
                of: "s2,2,3", with: "s2,,3"), clinical)
        let m = message {
            _ = try ModelingPipeline.run(features: f, clinical: c, outcome: .binary(column: "y"), settings: logistic)
        }
        #expect(
            m
                == "training features: feature 'a' of subject 's2' is nan (2 non-finite value(s) in total); impute or drop them first"
        )
    }

    @Test func fewerSubjectsThanFolds() throws {
        let (f, c) = try tables(features, clinical)
        let tenFold = ModelSettings(model: ModelSpec(type: .lassoLogistic, folds: 10))
        let m = message {
            _ = try ModelingPipeline.run(features: f, clinical: c, outcome: .binary(column: "y"), settings: tenFold)
        }
        #expect(m == "model.folds: 6 training subjects are fewer than the 10 CV folds")
    }

    @Test func typosInsideSelectionStepsAndPreprocessingAreNamed() {
        let step = message {
            _ = try ModelSettings.fromYAML(
                "model: {type: cox}\nselection:\n  - {method: redundancy, treshold: 0.8}\n", source: "p.yaml")
        }
        #expect(step == "p.yaml: unknown key 'selection[0].treshold'; expected one of method, correlation, threshold")
        let pre = message {
            _ = try ModelSettings.fromYAML("model: {type: cox}\npreprocessing: {zscore: false}\n", source: "p.yaml")
        }
        #expect(pre == "p.yaml: unknown key 'preprocessing.zscore'; expected one of standardize")
    }

    @Test func settingsTypoAndModelOutcomeMismatch() throws {
        let m = message { _ = try ModelSettings.fromYAML("model: {type: cox}\nseeed: 3\n", source: "p.yaml") }
        #expect(
            m
                == "p.yaml: unknown key 'seeed'; expected one of seed, preprocessing, selection, model, validation, clinicalCovariates"
        )
        let (f, c) = try tables(features, clinical)
        let m2 = message {
            _ = try ModelingPipeline.run(
                features: f, clinical: c, outcome: .binary(column: "y"),
                settings: ModelSettings(model: ModelSpec(type: .cox)))
        }
        #expect(m2 == "model.type: 'cox' needs a time-to-event (time + event) outcome")
    }

    @Test func scoringNeedsTheModelFeatures() throws {
        let model = FittedModel(
            modelType: .logistic, outcome: .binary(column: "y"), features: ["a", "b"], means: [0, 0], sds: [1, 1],
            coefficients: [1, 2], intercept: 0, lambda: nil, lambdaRule: nil, seed: 1, radscoreThreshold: 0)
        let other = try FeatureTable.importDelimited("id,a\nq1,3\n", source: "g.csv").table
        let m = message { _ = try model.score(features: other) }
        #expect(m == "feature table: feature 'b' is missing (the model needs it)")
    }
}
