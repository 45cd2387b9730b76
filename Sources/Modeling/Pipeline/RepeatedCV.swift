import Foundation
import RadVaultCore

/// Repeated stratified k-fold validation of the whole procedure (selection + λ choice + fit
/// inside every outer training fold), reporting the mean held-out AUC or C-index per repeat.
enum RepeatedCV {
    static func run(_ cohort: Cohort, settings: ModelSettings, outcome: OutcomeSpec, warnings: inout [String]) throws
        -> RepeatedCVSummary
    {
        let spec = settings.validation
        var perRepeat: [Double] = []
        for r in 0..<spec.repeats {
            let folds = try Folds.stratified(
                strata: cohort.outcome.strata, k: spec.folds, seed: ModelingPipeline.derivedSeed(settings.seed, r, -1))
            var values: [Double] = []
            for f in 0..<spec.folds {
                let train = cohort.subset(folds.indices.filter { folds[$0] != f })
                let test = cohort.subset(folds.indices.filter { folds[$0] == f })
                try ModelingPipeline.checkFoldCount(train, settings)
                let fitted = try ModelFitter.fit(
                    train, settings: settings, outcome: outcome,
                    seed: ModelingPipeline.derivedSeed(settings.seed, r, f),
                    warnings: &warnings)
                let eta = try ModelingPipeline.scores(fitted.model, test)
                let m = ModelingPipeline.metrics(test, eta, threshold: fitted.model.radscoreThreshold)
                let v = m.binary?.auc ?? m.survival?.cIndex ?? .nan
                if v.isFinite { values.append(v) }
            }
            perRepeat.append(values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count))
        }
        let finite = perRepeat.filter(\.isFinite)
        let mean = finite.reduce(0, +) / Double(max(finite.count, 1))
        let sd =
            finite.count > 1
            ? (finite.reduce(0.0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)).squareRoot() : .nan
        return RepeatedCVSummary(
            metric: outcome.isSurvival ? "cIndex" : "auc", folds: spec.folds, repeats: spec.repeats,
            perRepeat: perRepeat,
            mean: mean, sd: sd)
    }
}
