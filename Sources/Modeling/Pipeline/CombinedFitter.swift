import Foundation
import RadVaultCore

/// Fits the combined (nomogram) model: radscore plus clinical covariates, unpenalised.
enum CombinedFitter {
    static func fit(_ cohort: Cohort, radscore: [Double], names: [String]) throws -> CombinedModel {
        let columns = [radscore] + cohort.covariates
        let labels = ["radscore"] + names
        let z = NormalDistribution.standardQuantile(0.975)
        func terms(_ b: [Double], _ se: [Double], _ p: [Double]) -> [CombinedTerm] {
            labels.indices.map { j in
                CombinedTerm(
                    name: labels[j], coefficient: b[j], standardError: se[j], pValue: p[j], ratio: exp(b[j]),
                    ratioLower: exp(b[j] - z * se[j]), ratioUpper: exp(b[j] + z * se[j]))
            }
        }
        switch cohort.outcome {
        case .binary(let y):
            let f = try LogisticRegression.fit(columns: columns, y: y)
            return CombinedModel(
                intercept: f.intercept,
                terms: terms(f.coefficients, Array(f.standardErrors.dropFirst()), Array(f.pValues.dropFirst())))
        case .survival:
            guard let s = cohort.survival else { throw RadVaultError.internalError("combined model: no survival data") }
            let f = try CoxRegression.fit(columns: columns, survival: s, ties: .efron)
            return CombinedModel(intercept: nil, terms: terms(f.coefficients, f.standardErrors, f.pValues))
        }
    }

    static func linearPredictor(_ model: CombinedModel, radscore: [Double], covariates: [[Double]]) -> [Double] {
        let columns = [radscore] + covariates
        return radscore.indices.map { i in
            var eta = model.intercept ?? 0
            for (j, t) in model.terms.enumerated() { eta += t.coefficient * columns[j][i] }
            return eta
        }
    }
}
