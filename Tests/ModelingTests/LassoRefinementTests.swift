import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// The kept λ of a cross-validated L1 path is solved to convergence (`LassoSolver.refine`): its
/// coefficients satisfy the lasso's optimality (KKT) conditions far below glmnet's 1e-7
/// tolerance, and its support is the support of a path solved to 1e-20 at the same λ.
@Suite struct LassoRefinementTests {
    /// n = 150 subjects, p = 400 correlated features (20 latent factors, as the benchmark data),
    /// a binary outcome driven by 8 of them; seeded.
    static func data() -> (columns: [[Double]], y: [Double], folds: [Int]) {
        var rng = SeededGenerator(seed: 20_261_128)
        let n = 150
        let p = 400
        let latent = (0..<20).map { _ in (0..<n).map { _ in rng.nextGaussian() } }
        let loadings = (0..<p).map { _ in (0..<20).map { _ in rng.nextGaussian() * 0.5 } }
        let columns = (0..<p).map { j in
            (0..<n).map { i in (0..<20).reduce(0.0) { $0 + latent[$1][i] * loadings[j][$1] } + rng.nextGaussian() }
        }
        let drivers = [3, 41, 77, 120, 199, 250, 311, 388]
        let y = (0..<n).map { i -> Double in
            let eta = drivers.enumerated().reduce(0.0) {
                $0 + columns[$1.element][i] * ($1.offset.isMultiple(of: 2) ? 0.4 : -0.3)
            }
            return rng.nextUniform() < 1 / (1 + exp(-eta)) ? 1 : 0
        }
        return (columns, y, (0..<n).map { $0 % 5 })
    }

    @Test func keptLambdasSatisfyKKTAndMatchTheConvergedSupport() {
        let (columns, y, folds) = Self.data()
        let cv = LassoCrossValidation.run(columns: columns, outcome: .binary(y), folds: folds, options: LassoOptions())
        let design = StandardizedDesign(columns: columns)
        let family = BinomialFamily(y: y)
        var exactOptions = LassoOptions()
        exactOptions.threshold = 1e-20
        let exact = LassoSolver.fit(design: design, family: family, lambdas: cv.path.lambdas, options: exactOptions)
        for k in Set([cv.indexMin, cv.index1SE]) {
            let lambda = cv.path.lambdas[k]
            let raw = cv.path.coefficients[k]
            let eta = cv.path.linearPredictor(at: k, columns: columns)
            let scores = design.scores(family.working(eta: eta).r)
            for j in raw.indices {
                let beta = raw[j] * design.sds[j]
                if beta != 0 {
                    // Stationarity: the score of an active feature is λ·sign(β).
                    #expect(abs(scores[j] - lambda * (beta > 0 ? 1 : -1)) <= 1e-8 * lambda, "feature \(j) at λ_\(k)")
                } else {
                    #expect(abs(scores[j]) <= lambda * (1 + 1e-8), "feature \(j) at λ_\(k)")
                }
            }
            let support = raw.indices.filter { raw[$0] != 0 }
            #expect(support == exact.coefficients[k].indices.filter { exact.coefficients[k][$0] != 0 })
            #expect(support.count == cv.path.nonzero[k])
            for j in raw.indices { #expect(abs(raw[j] - exact.coefficients[k][j]) <= 1e-7 * max(1, abs(raw[j]))) }
        }
    }
}
