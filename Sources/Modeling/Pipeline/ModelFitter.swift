import Foundation
import RadVaultCore

/// Fits selection + model on one training cohort (used for the final model and inside every
/// outer fold of repeated CV, so no step sees held-out subjects).
enum ModelFitter {
    struct Output {
        var model: FittedModel
        var selection: [SelectionLog]
        var lambdaCurve: LambdaCurve?
    }

    static func fit(
        _ cohort: Cohort, settings: ModelSettings, outcome: OutcomeSpec, seed: UInt64, warnings: inout [String]
    ) throws -> Output {
        let (kept, logs) = try FeatureSelector.select(
            columns: cohort.columns, names: cohort.featureNames, outcome: cohort.outcome, steps: settings.selection,
            warnings: &warnings)
        let columns = kept.map { cohort.columns[$0] }
        let names = kept.map { cohort.featureNames[$0] }
        let spec = settings.model
        var coefficientsRaw: [Double]
        var interceptRaw = 0.0
        var lambda: Double?
        var curve: LambdaCurve?
        switch spec.type {
        case .lassoLogistic, .lassoCox:
            let cv = try crossValidatedPath(cohort, columns: columns, spec: spec, seed: seed)
            let k = cv.index(for: spec.lambdaRule)
            coefficientsRaw = cv.path.coefficients[k]
            interceptRaw = spec.type == .lassoCox ? 0 : cv.path.intercepts[k]
            lambda = cv.path.lambdas[k]
            curve = LambdaCurve(
                lambdas: cv.path.lambdas, meanDeviance: cv.meanDeviance, standardError: cv.standardError,
                nonzero: cv.path.nonzero, lambdaMin: cv.lambdaMin, lambda1SE: cv.lambda1SE)
            if spec.type == .lassoLogistic, cv.path.devianceRatio.last ?? 0 > 0.999 {
                warnings.append(
                    "perfect separation: the training outcome is perfectly predicted along the λ path "
                        + "(deviance ratio > 0.999); the penalised fit converged, but coefficients at small λ are unstable"
                )
            }
            if coefficientsRaw.allSatisfy({ $0 == 0 }) {
                warnings.append(
                    "the \(spec.lambdaRule.rawValue) λ (\(cv.path.lambdas[k])) selects no feature; the radscore is constant"
                )
            }
        case .logistic:
            guard case .binary(let y) = cohort.outcome else { throw mismatch(spec.type) }
            let fit = try LogisticRegression.fit(columns: columns, y: y)
            if fit.separated {
                warnings.append(
                    "perfect separation: fitted probabilities are numerically 0 or 1; the unpenalised coefficients are not finite estimates (use lassoLogistic)"
                )
            }
            coefficientsRaw = fit.coefficients
            interceptRaw = fit.intercept
        case .cox:
            guard let s = cohort.survival else { throw mismatch(spec.type) }
            coefficientsRaw = try CoxRegression.fit(columns: columns, survival: s, ties: spec.ties).coefficients
        }
        let model = scaledModel(
            names: names, columns: columns, raw: coefficientsRaw, interceptRaw: interceptRaw, settings: settings,
            outcome: outcome, lambda: lambda, seed: seed)
        return Output(model: model, selection: logs, lambdaCurve: curve)
    }

    static func mismatch(_ kind: ModelSpec.Kind) -> RadVaultError {
        RadVaultError.invalidInput(
            "model.type: '\(kind.rawValue)' needs a \(kind.isSurvival ? "time-to-event (time + event)" : "binary") outcome"
        )
    }

    static func crossValidatedPath(_ cohort: Cohort, columns: [[Double]], spec: ModelSpec, seed: UInt64) throws
        -> LassoCVResult
    {
        let folds = try Folds.stratified(strata: cohort.outcome.strata, k: spec.folds, seed: seed)
        switch cohort.outcome {
        case .binary(let y):
            guard spec.type == .lassoLogistic else { throw mismatch(spec.type) }
            return LassoCrossValidation.run(
                columns: columns, outcome: .binary(y), folds: folds, options: spec.lassoOptions)
        case .survival:
            guard spec.type == .lassoCox, let s = cohort.survival else { throw mismatch(spec.type) }
            return LassoCrossValidation.run(
                columns: columns, outcome: .survival(s, ties: spec.ties), folds: folds, options: spec.lassoOptions)
        }
    }

    /// Keeps the nonzero coefficients and expresses them on the training z-scale.
    static func scaledModel(
        names: [String], columns: [[Double]], raw: [Double], interceptRaw: Double, settings: ModelSettings,
        outcome: OutcomeSpec, lambda: Double?, seed: UInt64
    ) -> FittedModel {
        var features: [String] = []
        var means: [Double] = []
        var sds: [Double] = []
        var coefficients: [Double] = []
        var intercept = interceptRaw
        for j in names.indices where raw[j] != 0 {
            let n = Double(columns[j].count)
            let mean = columns[j].reduce(0, +) / n
            let sd = (columns[j].reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
            let (m, s) = settings.preprocessing.standardize ? (mean, sd) : (0.0, 1.0)
            features.append(names[j])
            means.append(m)
            sds.append(s)
            coefficients.append(raw[j] * s)
            intercept += raw[j] * m
        }
        var model = FittedModel(
            modelType: settings.model.type, outcome: outcome, features: features, means: means, sds: sds,
            coefficients: coefficients, intercept: intercept, lambda: lambda,
            lambdaRule: settings.model.type.isPenalised ? settings.model.lambdaRule : nil, seed: seed,
            radscoreThreshold: 0, combined: nil)
        let selected = names.indices.filter { raw[$0] != 0 }.map { columns[$0] }
        model.radscoreThreshold = median(model.radscores(columns: selected, count: columns.first?.count ?? 0))
        return model
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension FittedModel {
    /// Radscores with an explicit subject count (for a model with no features).
    func radscores(columns: [[Double]], count: Int) -> [Double] {
        columns.isEmpty ? [Double](repeating: intercept, count: count) : radscores(columns: columns)
    }
}
