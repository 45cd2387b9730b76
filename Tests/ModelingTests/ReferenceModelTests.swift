import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// Agreement with scikit-learn, statsmodels, lifelines and scikit-survival on public data
/// (fixtures from scripts/fixtures/modeling/make_fixtures.py).
@Suite struct ReferenceModelTests {
    func breastCancer() throws -> (columns: [[Double]], y: [Double], ref: JSONValue) {
        let ref = try Fixture.json("logistic_reference.json")
        let data = try Fixture.columns("breast_cancer.csv")
        let names = (ref["features"]?.arrayValue ?? []).compactMap(\.stringValue)
        return (names.map { data.values[$0] ?? [] }, data.values["y"] ?? [], ref)
    }

    func rossi() throws -> (columns: [[Double]], survival: SurvivalData, ref: JSONValue) {
        let ref = try Fixture.json("cox_reference.json")
        let data = try Fixture.columns("rossi.csv")
        let names = (ref["covariates"]?.arrayValue ?? []).compactMap(\.stringValue)
        let s = SurvivalData(time: data.values["week"] ?? [], event: (data.values["arrest"] ?? []).map { $0 == 1 })
        return (names.map { data.values[$0] ?? [] }, s, ref)
    }

    @Test func unpenalisedLogisticMatchesScikitLearn() throws {
        let (columns, y, ref) = try breastCancer()
        let fit = try LogisticRegression.fit(columns: columns, y: y)
        let err = maxRelativeError(
            [fit.intercept] + fit.coefficients, [ref["intercept"]?.number ?? 0] + (ref["coefficients"]?.doubles ?? []))
        print("logistic (sklearn newton-cholesky): max relative error \(err)")
        #expect(err < 1e-6)
    }

    @Test func lassoLogisticMatchesScikitLearnSaga() throws {
        let (columns, y, ref) = try breastCancer()
        let design = StandardizedDesign(columns: columns)
        let family = BinomialFamily(y: y)
        #expect(
            maxRelativeError([LassoSolver.lambdaMax(design: design, family: family)], [ref["lambda_max"]?.number ?? 0])
                < 1e-12)
        let rows = ref["lasso"]?.arrayValue ?? []
        var options = LassoOptions()
        options.threshold = 1e-20
        options.maxDevianceRatio = 1
        let path = LassoSolver.fit(
            design: design, family: family, lambdas: rows.map { $0["lambda"]?.number ?? 0 }, options: options)
        var worst = 0.0
        for (k, row) in rows.enumerated() {
            let expected = [row["intercept"]?.number ?? 0] + (row["coefficients"]?.doubles ?? [])
            let got = [path.intercepts[k]] + path.coefficients[k]
            // Zero pattern must agree exactly; nonzero values to 1e-4 relative.
            #expect(zip(got, expected).allSatisfy { ($0 == 0) == ($1 == 0) }, "zero pattern at λ=\(path.lambdas[k])")
            worst = max(worst, maxRelativeError(got.filter { $0 != 0 }, expected.filter { $0 != 0 }))
        }
        print("lasso logistic (sklearn saga, C = 1/(nλ)): max relative error \(worst)")
        #expect(worst < 1e-4)
    }

    @Test func aucBrierCalibrationMatchScikitLearn() throws {
        let (columns, y, ref) = try breastCancer()
        let rounded = ref["scores_rounded"]?.doubles ?? []
        // Exactly the correctly rounded rational; scikit-learn's trapezoid sum is within 1 ulp of it.
        #expect(ROC.auc(scores: rounded, y: y) == ref["auc_rounded_exact"]?.number)
        #expect(abs(ROC.auc(scores: rounded, y: y) - (ref["auc_rounded"]?.number ?? 0)) <= 4e-16)
        let fit = try LogisticRegression.fit(columns: columns, y: y)
        let eta = (0..<y.count).map { i in
            fit.intercept + columns.indices.reduce(0.0) { $0 + fit.coefficients[$1] * columns[$1][i] }
        }
        let m = BinaryMetrics.evaluate(eta: eta, y: y)
        #expect(m.auc == ref["auc_lp_exact"]?.number)
        #expect(abs(m.auc - (ref["auc_lp"]?.number ?? 0)) <= 4e-16)
        #expect(maxRelativeError([m.brier], [ref["brier"]?.number ?? 0]) < 1e-9)
        // The model is fitted on these data: slope 1 and intercept 0 (statsmodels, to its tolerance).
        #expect(abs(m.calibrationSlope - (ref["calibration_slope"]?.number ?? 0)) < 1e-6)
        #expect(abs(m.calibrationIntercept - (ref["calibration_intercept"]?.number ?? 0)) < 1e-6)
        #expect(m.aucLower < m.auc && m.auc < m.aucUpper)
    }

    @Test(arguments: [CoxTies.efron, .breslow])
    func coxMatchesLifelinesAndStatsmodels(ties: CoxTies) throws {
        let (columns, s, ref) = try rossi()
        let fit = try CoxRegression.fit(columns: columns, survival: s, ties: ties)
        let expected = ref[ties.rawValue]?.doubles ?? []
        let err = maxRelativeError(fit.coefficients, expected)
        print("Cox \(ties.rawValue): max relative error \(err)")
        #expect(err < 1e-6)
        if ties == .efron {
            #expect(maxRelativeError([fit.logLikelihood], [ref["efron_loglik"]?.number ?? 0]) < 1e-10)
        }
    }

    @Test func coxnetMatchesScikitSurvival() throws {
        let (columns, s, ref) = try rossi()
        let rows = ref["coxnet"]?.arrayValue ?? []
        var options = LassoOptions()
        options.threshold = 1e-20
        options.maxDevianceRatio = 1
        // λ = alpha · lambda_per_alpha; the fixture script measured the factor (1, to 2e-6) by KKT.
        let lambdas = rows.map { ($0["alpha"]?.number ?? 0) * (($0["lambda_per_alpha"]?.number ?? 1).rounded()) }
        let path = LassoSolver.fit(
            design: StandardizedDesign(columns: columns), family: CoxBreslowFamily(survival: s), lambdas: lambdas,
            options: options)
        let worst = pathError(path, rows)
        print("coxnet (scikit-survival): max relative error \(worst)")
        #expect(worst < 1e-4)
    }

    @Test func concordanceKaplanMeierLogRankMatchLifelines() throws {
        let (columns, s, ref) = try rossi()
        #expect(
            Concordance.harrell(risk: ref["scores_rounded"]?.doubles ?? [], survival: s).c
                == ref["cindex_rounded"]?.number)
        let beta = ref["efron"]?.doubles ?? []
        let lp = (0..<s.count).map { i in columns.indices.reduce(0.0) { $0 + beta[$1] * columns[$1][i] } }
        #expect(Concordance.harrell(risk: lp, survival: s).c == ref["cindex_lp"]?.number)
        let fin = columns[0]
        for g in [0.0, 1.0] {
            let rows = fin.indices.filter { fin[$0] == g }
            let km = KaplanMeierCurve.estimate(
                SurvivalData(time: rows.map { s.time[$0] }, event: rows.map { s.event[$0] }), label: "\(g)")
            let expected = ref["km_by_fin"]?[String(Int(g))]
            #expect(km.time == expected?["time"]?.doubles)
            #expect(maxRelativeError(km.survival, expected?["survival"]?.doubles ?? []) < 1e-14)
        }
        let lr = LogRank.test(s, group: fin.map { Int($0) })
        #expect(
            maxRelativeError(
                [lr.chiSquare, lr.pValue], [ref["logrank_fin_chi2"]?.number ?? 0, ref["logrank_fin_p"]?.number ?? 0])
                < 1e-10)
    }
}
