import Dispatch
import Foundation
import RadVaultCore

/// Which λ of a cross-validated path to keep.
public enum LambdaRule: String, Codable, Sendable, CaseIterable {
    /// The λ with the smallest mean CV deviance (glmnet `lambda.min`).
    case min
    /// The largest λ within one standard error of that minimum (glmnet `lambda.1se`).
    case oneSE = "1se"
}

/// The result of k-fold cross-validation of an L1 path (glmnet's `cv.glmnet`).
public struct LassoCVResult: Codable, Sendable, Equatable {
    /// The path fitted on all subjects.
    public var path: LassoPath
    /// Mean CV deviance per λ (glmnet `cvm`) and its standard error (`cvsd`).
    public var meanDeviance: [Double]
    public var standardError: [Double]
    public var indexMin: Int
    public var index1SE: Int

    public var lambdaMin: Double { path.lambdas[indexMin] }
    public var lambda1SE: Double { path.lambdas[index1SE] }

    public func index(for rule: LambdaRule) -> Int { rule == .min ? indexMin : index1SE }
}

/// The outcome an L1 path models.
enum L1Outcome: Sendable {
    case binary([Double])
    case survival(SurvivalData, ties: CoxTies)

    func family(rows: [Int]) -> any L1Family {
        switch self {
        case .binary(let y): return BinomialFamily(y: rows.map { y[$0] })
        case .survival(let s, let ties):
            let sub = SurvivalData(time: rows.map { s.time[$0] }, event: rows.map { s.event[$0] })
            return ties == .efron ? CoxEfronFamily(survival: sub) : CoxBreslowFamily(survival: sub)
        }
    }
}

enum LassoCrossValidation {
    /// Fits the full path, then one path per fold on the full-data λ sequence, in parallel,
    /// combining fold results in fold order (so the result does not depend on thread count).
    /// The λ-min and λ-1SE solutions are then solved to convergence (`LassoSolver.refine`).
    static func run(columns: [[Double]], outcome: L1Outcome, folds: [Int], options: LassoOptions) -> LassoCVResult {
        let n = columns.first?.count ?? 0
        let all = Array(0..<n)
        let design = StandardizedDesign(columns: columns)
        let family = outcome.family(rows: all)
        let lambdaMax = LassoSolver.lambdaMax(design: design, family: family)
        let lambdas = LassoSolver.lambdaSequence(lambdaMax: lambdaMax, n: n, p: columns.count, options: options)
        let path = LassoSolver.fit(design: design, family: family, lambdas: lambdas, options: options)
        let k = (folds.max() ?? 0) + 1
        let results = FoldBox(count: k)
        DispatchQueue.concurrentPerform(iterations: k) { f in
            let train = all.filter { folds[$0] != f }
            let test = all.filter { folds[$0] == f }
            let sub = columns.map { c in train.map { c[$0] } }
            let foldPath = LassoSolver.fit(
                design: StandardizedDesign(columns: sub), family: outcome.family(rows: train),
                lambdas: path.lambdas, options: options)
            results.set(
                f,
                foldDeviance(
                    foldPath, columns: columns, outcome: outcome, train: train, test: test, count: path.lambdas.count))
        }
        var result = summarise(path: path, folds: results.values)
        for k in Set([result.indexMin, result.index1SE]).sorted() {
            LassoSolver.refine(path: &result.path, at: k, design: design, family: family, options: options)
        }
        return result
    }

    /// Per-λ deviance of one fold and its weight (binomial: mean deviance of the held-out
    /// subjects, weight = their number; Cox: glmnet's grouped deviance
    /// −2(ℓ_all(β₋ₖ) − ℓ₋ₖ(β₋ₖ)) per held-out event, weight = held-out events).
    static func foldDeviance(
        _ path: LassoPath, columns: [[Double]], outcome: L1Outcome, train: [Int], test: [Int], count: Int
    ) -> (deviance: [Double], weight: Double) {
        var out: [Double] = []
        for k in 0..<count {
            let kk = min(k, path.lambdas.count - 1)
            switch outcome {
            case .binary(let y):
                let eta = path.linearPredictor(at: kk, columns: columns.map { c in test.map { c[$0] } })
                var dev = 0.0
                for (t, i) in test.enumerated() {
                    let mu = min(max(1 / (1 + exp(-eta[t])), 1e-5), 1 - 1e-5)
                    dev += -2 * (y[i] * log(mu) + (1 - y[i]) * log(1 - mu))
                }
                out.append(dev / Double(test.count))
            case .survival(let s, _):
                let etaAll = path.linearPredictor(at: kk, columns: columns)
                let full = outcome.family(rows: Array(s.time.indices)).logLikelihood(eta: etaAll)
                let trainFamily = outcome.family(rows: train)
                let partial = trainFamily.logLikelihood(eta: train.map { etaAll[$0] })
                let events = Double(test.filter { s.event[$0] }.count)
                out.append(events > 0 ? -2 * (full - partial) / events : 0)
            }
        }
        switch outcome {
        case .binary: return (out, Double(test.count))
        case .survival(let s, _): return (out, Double(test.filter { s.event[$0] }.count))
        }
    }

    /// glmnet's `cvm`, `cvsd`, `lambda.min` (largest λ attaining the minimum) and `lambda.1se`.
    static func summarise(path: LassoPath, folds: [(deviance: [Double], weight: Double)]) -> LassoCVResult {
        let count = path.lambdas.count
        let totalWeight = folds.reduce(0) { $0 + $1.weight }
        var cvm = [Double](repeating: 0, count: count)
        var cvsd = [Double](repeating: 0, count: count)
        for k in 0..<count {
            var m = 0.0
            for f in folds { m += f.weight * f.deviance[k] }
            m /= totalWeight
            var v = 0.0
            for f in folds { v += f.weight * (f.deviance[k] - m) * (f.deviance[k] - m) }
            cvm[k] = m
            cvsd[k] = (v / totalWeight / Double(max(folds.count - 1, 1))).squareRoot()
        }
        var indexMin = 0
        for k in 0..<count where cvm[k] < cvm[indexMin] { indexMin = k }
        let bound = cvm[indexMin] + cvsd[indexMin]
        let index1SE = (0..<count).first { cvm[$0] <= bound } ?? indexMin
        return LassoCVResult(
            path: path, meanDeviance: cvm, standardError: cvsd, indexMin: indexMin, index1SE: index1SE)
    }
}

/// Per-fold results written from concurrent workers, read back in fold order.
final class FoldBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(deviance: [Double], weight: Double)]

    init(count: Int) { storage = Array(repeating: ([], 0), count: count) }

    func set(_ index: Int, _ value: (deviance: [Double], weight: Double)) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [(deviance: [Double], weight: Double)] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
