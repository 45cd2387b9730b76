import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// L1-penalised Cox with Efron ties against a direct solve of statsmodels PHReg's penalised
/// Efron likelihood (cox_efron_lasso_reference.json; KKT violations ≤ 1e-16 in the script).
@Suite struct CoxEfronLassoTests {
    static func data(_ name: String) throws -> (columns: [[Double]], survival: SurvivalData) {
        switch name {
        case "rossi":
            let v = try Fixture.columns("rossi.csv").values
            let covariates = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]
            let s = SurvivalData(time: v["week"] ?? [], event: (v["arrest"] ?? []).map { $0 == 1 })
            return (covariates.map { v[$0] ?? [] }, s)
        case "sts":
            let features = try Fixture.columns("sts_pet_features.csv")
            let v = try Fixture.columns("sts_pet_labels_SYNTHETIC.csv").values
            let s = SurvivalData(time: v["time"] ?? [], event: (v["event"] ?? []).map { $0 == 1 })
            return (features.header.dropFirst().map { features.values[$0] ?? [] }, s)
        default:
            throw RadVaultError.invalidInput("unknown data set '\(name)'")
        }
    }

    @Test(arguments: ["rossi", "sts"])
    func pathMatchesPenalisedEfronSolve(dataset: String) throws {
        let ref = try Fixture.json("cox_efron_lasso_reference.json")[dataset]
        let (columns, survival) = try Self.data(dataset)
        let design = StandardizedDesign(columns: columns)
        let family = CoxEfronFamily(survival: survival)
        let lambdaMax = LassoSolver.lambdaMax(design: design, family: family)
        #expect(maxRelativeError([lambdaMax], [ref?["lambda_max"]?.number ?? 0]) < 1e-12)
        let rows = ref?["path"]?.arrayValue ?? []
        let path = LassoSolver.fit(
            design: design, family: family, lambdas: rows.map { $0["lambda"]?.number ?? 0 },
            options: STSReferenceTests.tight)
        let worst = pathError(path, rows)
        print("L1 Cox Efron (\(dataset)) vs statsmodels PHReg solve: max relative error \(worst)")
        #expect(worst < 1e-4)
    }

    @Test func withOneEventPerTimeEfronIsBreslow() throws {
        let (columns, survival) = try Self.data("rossi")
        // Break every tie: distinct times, so the two likelihoods coincide.
        let distinct = SurvivalData(
            time: survival.time.indices.map { survival.time[$0] + Double($0) * 1e-4 }, event: survival.event)
        let eta = (0..<distinct.count).map { 0.3 * columns[1][$0] / 10 - 0.2 * columns[0][$0] }
        let efron = CoxEfronFamily(survival: distinct)
        let breslow = CoxBreslowFamily(survival: distinct)
        #expect(abs(efron.logLikelihood(eta: eta) - breslow.logLikelihood(eta: eta)) < 1e-9)
        let (we, re) = efron.working(eta: eta)
        let (wb, rb) = breslow.working(eta: eta)
        #expect(zip(re, rb).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(we, wb).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(efron.saturatedLogLikelihood == 0)
    }

    @Test func lassoCoxPipelineRunsWithEfronTies() throws {
        let byDefault = try ModelSettings.fromYAML("model: {type: lassoCox}\n")
        #expect(byDefault.model.ties == .breslow)
        let features = try FeatureTable.importDelimited(Fixture.text("sts_pet_features.csv"), source: "f.csv").table
        let clinical = try ClinicalTable.importDelimited(
            Fixture.text("sts_pet_labels_SYNTHETIC.csv"), source: "sts_pet_labels_SYNTHETIC.csv")
        func run(_ ties: CoxTies) throws -> ModelingOutput {
            // glmnet's default λ range (100 values down to 1e-4·λmax).
            let yaml = "seed: 5\nmodel: {type: lassoCox, ties: \(ties.rawValue), folds: 5}\n"
            return try ModelingPipeline.run(
                features: features, clinical: clinical, outcome: .survival(time: "time", event: "event"),
                settings: try ModelSettings.fromYAML(yaml))
        }
        let efron = try run(.efron)
        #expect(efron.model.modelType == .lassoCox && !efron.model.features.isEmpty)
        #expect(try CanonicalJSON.bytes(run(.efron)) == CanonicalJSON.bytes(efron))
        // Whole-month times tie, so the two likelihoods give different λ paths.
        let breslow = try run(.breslow)
        #expect(efron.result.lambdaCurve?.lambdas.first != breslow.result.lambdaCurve?.lambdas.first)
    }
}
