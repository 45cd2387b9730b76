import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// Real RadVault IBSI features of the 51 STS FDG-PET patients with SYNTHETIC seeded labels
/// (sts_pet_features.csv, sts_pet_labels_SYNTHETIC.csv), fitted by scikit-learn, lifelines,
/// statsmodels and scikit-survival in scripts/fixtures/modeling/make_fixtures.py.
@Suite struct STSReferenceTests {
    struct STSData {
        var names: [String]
        var columns: [[Double]]
        var y: [Double]
        var survival: SurvivalData
        var ref: JSONValue

        func columns(_ features: [String]) -> [[Double]] {
            features.map { f in names.firstIndex(of: f).map { columns[$0] } ?? [] }
        }
    }

    static func load() throws -> STSData {
        let ref = try Fixture.json("sts_reference.json")
        let features = try Fixture.columns("sts_pet_features.csv")
        let labels = try Fixture.columns("sts_pet_labels_SYNTHETIC.csv")
        // The two tables must list the same subjects in the same order.
        try #require(features.ids == labels.ids && features.ids.count == 51)
        let names = (ref["features"]?.arrayValue ?? []).compactMap(\.stringValue)
        try #require(names == Array(features.header.dropFirst()))
        let survival = SurvivalData(
            time: labels.values["time"] ?? [], event: (labels.values["event"] ?? []).map { $0 == 1 })
        return STSData(
            names: names, columns: names.map { features.values[$0] ?? [] }, y: labels.values["y"] ?? [],
            survival: survival, ref: ref)
    }

    var unpenalised: [String] {
        get throws { (try Self.load().ref["unpenalised_features"]?.arrayValue ?? []).compactMap(\.stringValue) }
    }

    @Test func unpenalisedLogisticAndAUCMatchScikitLearn() throws {
        let d = try Self.load()
        let columns = d.columns(try unpenalised)
        let fit = try LogisticRegression.fit(columns: columns, y: d.y)
        let ref = d.ref["logistic"]
        let err = maxRelativeError(
            [fit.intercept] + fit.coefficients, [ref?["intercept"]?.number ?? 0] + (ref?["coefficients"]?.doubles ?? [])
        )
        print("STS logistic (sklearn newton-cholesky): max relative error \(err)")
        #expect(err < 1e-6)
        let lp = (0..<d.y.count).map { i in
            fit.intercept + columns.indices.reduce(0.0) { $0 + fit.coefficients[$1] * columns[$1][i] }
        }
        #expect(ROC.auc(scores: lp, y: d.y) == ref?["auc_exact"]?.number)
        #expect(ROC.auc(scores: ref?["lp"]?.doubles ?? [], y: d.y) == ref?["auc_exact"]?.number)
        #expect(abs(ROC.auc(scores: lp, y: d.y) - (ref?["auc"]?.number ?? 0)) <= 4e-16)
    }

    @Test func lassoLogisticPathMatchesScikitLearnSaga() throws {
        let d = try Self.load()
        let design = StandardizedDesign(columns: d.columns)
        let family = BinomialFamily(y: d.y)
        let ref = d.ref["lasso_logistic"]
        #expect(
            maxRelativeError([LassoSolver.lambdaMax(design: design, family: family)], [ref?["lambda_max"]?.number ?? 0])
                < 1e-12)
        let rows = ref?["path"]?.arrayValue ?? []
        let path = LassoSolver.fit(
            design: design, family: family, lambdas: rows.map { $0["lambda"]?.number ?? 0 }, options: Self.tight)
        var worst = 0.0
        for (k, row) in rows.enumerated() {
            let expected = [row["intercept"]?.number ?? 0] + (row["coefficients"]?.doubles ?? [])
            let got = [path.intercepts[k]] + path.coefficients[k]
            #expect(zip(got, expected).allSatisfy { ($0 == 0) == ($1 == 0) }, "zero pattern at λ=\(path.lambdas[k])")
            worst = max(worst, maxRelativeError(got.filter { $0 != 0 }, expected.filter { $0 != 0 }))
        }
        print("STS lasso logistic (sklearn saga): max relative error \(worst)")
        #expect(worst < 1e-4)
        try expectPlantedSelected(d, path.coefficients.first ?? [])
    }

    @Test(arguments: [CoxTies.efron, .breslow])
    func unpenalisedCoxAndCIndexMatchLifelines(ties: CoxTies) throws {
        let d = try Self.load()
        let columns = d.columns(try unpenalised)
        let fit = try CoxRegression.fit(columns: columns, survival: d.survival, ties: ties)
        let ref = d.ref["cox"]
        let err = maxRelativeError(fit.coefficients, ref?[ties.rawValue]?.doubles ?? [])
        print("STS Cox \(ties.rawValue): max relative error \(err)")
        #expect(err < 1e-6)
        guard ties == .efron else { return }
        #expect(maxRelativeError([fit.logLikelihood], [ref?["efron_loglik"]?.number ?? 0]) < 1e-10)
        let lp = (0..<d.survival.count).map { i in
            columns.indices.reduce(0.0) { $0 + fit.coefficients[$1] * columns[$1][i] }
        }
        #expect(Concordance.harrell(risk: lp, survival: d.survival).c == ref?["cindex"]?.number)
        #expect(Concordance.harrell(risk: ref?["lp"]?.doubles ?? [], survival: d.survival).c == ref?["cindex"]?.number)
    }

    @Test func coxnetPathMatchesScikitSurvival() throws {
        let d = try Self.load()
        let rows = d.ref["coxnet"]?["path"]?.arrayValue ?? []
        let family = CoxBreslowFamily(survival: d.survival)
        let design = StandardizedDesign(columns: d.columns)
        #expect(
            maxRelativeError(
                [LassoSolver.lambdaMax(design: design, family: family)], [d.ref["coxnet"]?["lambda_max"]?.number ?? 0])
                < 1e-12)
        let path = LassoSolver.fit(
            design: design, family: family, lambdas: rows.map { $0["lambda"]?.number ?? 0 }, options: Self.tight)
        let worst = pathError(path, rows)
        print("STS coxnet (scikit-survival): max relative error \(worst)")
        #expect(worst < 1e-4)
        try expectPlantedSelected(d, path.coefficients.first ?? [])
    }

    static var tight: LassoOptions {
        var options = LassoOptions()
        options.threshold = 1e-20
        options.maxDevianceRatio = 1
        return options
    }

    /// The largest λ of the path already keeps a feature the labels were planted on.
    func expectPlantedSelected(_ d: STSData, _ coefficients: [Double]) throws {
        let planted = Set((d.ref["planted"]?.objectValue ?? [:]).keys)
        let selected = d.names.indices.filter { coefficients[$0] != 0 }.map { d.names[$0] }
        #expect(!planted.isDisjoint(with: selected), "selected \(selected)")
    }
}
