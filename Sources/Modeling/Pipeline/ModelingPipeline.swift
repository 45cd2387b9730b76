import Foundation
import RadVaultCore

/// The model and the result of one modelling run, plus warnings for the user.
public struct ModelingOutput: Codable, Sendable, Equatable {
    public var model: FittedModel
    public var result: ModelResult
    public var warnings: [String]
}

/// The modelling entry point: select features, fit the radscore model, validate it.
///
/// A pure function of its inputs: no clock, no store, no global RNG; every random choice comes
/// from `SeededGenerator` seeded from `settings.seed`, and parallel CV folds are combined in
/// fold order, so the canonical JSON of the output is identical across runs and thread counts.
public enum ModelingPipeline {
    /// Runs selection, fitting and validation.
    ///
    /// - Parameters:
    ///   - validation: the external cohort (required by, and only allowed with, scheme `external`).
    ///   - allowPartial: proceed on the subjects present in both tables (with a warning) instead
    ///     of failing when the feature and clinical tables list different subjects.
    public static func run(
        features: FeatureTable, clinical: ClinicalTable, outcome: OutcomeSpec, settings: ModelSettings,
        validation: (features: FeatureTable, clinical: ClinicalTable)? = nil, allowPartial: Bool = false
    ) throws -> ModelingOutput {
        guard settings.model.type.isSurvival == outcome.isSurvival else {
            throw ModelFitter.mismatch(settings.model.type)
        }
        var warnings: [String] = []
        let covariates = settings.clinicalCovariates
        let cohort = try Cohort.make(
            features: features, clinical: clinical, outcome: outcome, covariates: covariates,
            allowPartial: allowPartial,
            role: "training", warnings: &warnings)
        let scheme = settings.validation.scheme
        guard (scheme == .external) == (validation != nil) else {
            throw RadVaultError.invalidInput(
                scheme == .external
                    ? "validation.scheme: 'external' needs a validation features/clinical pair"
                    : "validation: a validation cohort was given but validation.scheme is '\(scheme.rawValue)'; set it to 'external'"
            )
        }
        var train = cohort
        var test: Cohort?
        switch scheme {
        case .holdout:
            let split = try Folds.holdout(
                strata: cohort.outcome.strata, testFraction: settings.validation.testFraction, seed: settings.seed)
            train = cohort.subset(split.train)
            test = cohort.subset(split.test)
        case .external:
            if let validation {
                test = try Cohort.make(
                    features: validation.features, clinical: validation.clinical, outcome: outcome,
                    covariates: covariates,
                    allowPartial: allowPartial, role: "validation", warnings: &warnings)
            }
        case .none, .repeatedCV: break
        }
        try checkFoldCount(train, settings)
        let fitted = try ModelFitter.fit(
            train, settings: settings, outcome: outcome, seed: settings.seed, warnings: &warnings)
        var model = fitted.model
        let trainScores = try scores(model, train)
        let testScores = try test.map { try scores(model, $0) }
        var result = ModelResult(
            validationScheme: scheme, selection: fitted.selection, lambdaCurve: fitted.lambdaCurve,
            training: metrics(train, trainScores, threshold: model.radscoreThreshold),
            test: test.map { metrics($0, testScores ?? [], threshold: model.radscoreThreshold) }, repeatedCV: nil,
            combinedTraining: nil, combinedTest: nil, warnings: [])
        if !covariates.isEmpty {
            let combined = try CombinedFitter.fit(train, radscore: trainScores, names: covariates)
            model.combined = combined
            let trainEta = CombinedFitter.linearPredictor(combined, radscore: trainScores, covariates: train.covariates)
            let cut = ModelFitter.median(trainEta)
            result.combinedTraining = metrics(train, trainEta, threshold: cut)
            if let test, let testScores {
                let eta = CombinedFitter.linearPredictor(combined, radscore: testScores, covariates: test.covariates)
                result.combinedTest = metrics(test, eta, threshold: cut)
            }
        }
        if scheme == .repeatedCV {
            result.repeatedCV = try RepeatedCV.run(cohort, settings: settings, outcome: outcome, warnings: &warnings)
        }
        var seen: Set<String> = []
        warnings = warnings.filter { seen.insert($0).inserted }
        result.warnings = warnings
        return ModelingOutput(model: model, result: result, warnings: warnings)
    }

    static func checkFoldCount(_ cohort: Cohort, _ settings: ModelSettings) throws {
        let n = cohort.subjects.count
        if settings.model.type.isPenalised, n < settings.model.folds {
            throw RadVaultError.invalidInput(
                "model.folds: \(n) training subjects are fewer than the \(settings.model.folds) CV folds")
        }
        if settings.validation.scheme == .repeatedCV, n < settings.validation.folds {
            throw RadVaultError.invalidInput(
                "validation.folds: \(n) subjects are fewer than the \(settings.validation.folds) CV folds")
        }
    }

    static func scores(_ model: FittedModel, _ cohort: Cohort) throws -> [Double] {
        let index = Dictionary(uniqueKeysWithValues: cohort.featureNames.enumerated().map { ($1, $0) })
        let columns = try model.features.map { f -> [Double] in
            guard let j = index[f] else {
                throw RadVaultError.invalidInput("validation features: feature '\(f)' used by the model is missing")
            }
            return cohort.columns[j]
        }
        return model.radscores(columns: columns, count: cohort.subjects.count)
    }

    static func metrics(_ cohort: Cohort, _ eta: [Double], threshold: Double) -> CohortMetrics {
        switch cohort.outcome {
        case .binary(let y):
            return CohortMetrics(
                subjects: cohort.subjects, binary: BinaryMetrics.evaluate(eta: eta, y: y), survival: nil)
        case .survival:
            let s = cohort.survival ?? SurvivalData(time: [], event: [])
            return CohortMetrics(
                subjects: cohort.subjects, binary: nil,
                survival: SurvivalMetrics.evaluate(eta: eta, survival: s, threshold: threshold))
        }
    }

    /// A seed for repeat `a`, fold `b` derived from the base seed by one xoshiro step, so every
    /// outer fold has its own documented stream.
    static func derivedSeed(_ base: UInt64, _ a: Int, _ b: Int) -> UInt64 {
        var g = SeededGenerator(
            seed: base ^ (UInt64(a + 1) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(b + 1) &* 0xC2B2_AE3D_27D4_EB4F))
        return g.next()
    }
}
