import Foundation
import RadVaultCore

/// Unpenalised logistic regression by Newton–Raphson (IRLS), as R's `glm(family = binomial)`.
public enum LogisticRegression {
    /// A fitted model: intercept, coefficients, their standard errors and Wald p-values.
    public struct Fit: Codable, Sendable, Equatable {
        public var intercept: Double
        public var coefficients: [Double]
        /// Standard errors of [intercept] + coefficients (from the inverse information).
        public var standardErrors: [Double]
        public var pValues: [Double]
        public var logLikelihood: Double
        public var iterations: Int
        /// True when some fitted probability is numerically 0 or 1 (separation).
        public var separated: Bool
    }

    /// Fits P(y = 1) = σ(β₀ + offset + Σ βⱼ xⱼ); `columns[j][i]` is covariate j of subject i.
    ///
    /// Iterates until the Newton step is below 1e-11 relative (glm stops on a 1e-8 deviance change;
    /// tighter here for the 1e-6 fixture agreement), with at most `maxIterations` steps. Throws `.numerical` when the information matrix is
    /// singular.
    public static func fit(
        columns: [[Double]], y: [Double], offset: [Double]? = nil, maxIterations: Int = 100
    ) throws -> Fit {
        let n = y.count
        let p = columns.count + 1
        let design = [[Double](repeating: 1, count: n)] + columns
        var beta = [Double](repeating: 0, count: p)
        var iterations = 0
        var info = [[Double]]()
        var logLik = -Double.infinity
        for iteration in 1...maxIterations {
            iterations = iteration
            var gradient = [Double](repeating: 0, count: p)
            info = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            logLik = 0
            for i in 0..<n {
                var eta = offset?[i] ?? 0
                for j in 0..<p { eta += design[j][i] * beta[j] }
                let mu = 1 / (1 + exp(-eta))
                logLik += y[i] * eta - softplus(eta)
                let w = mu * (1 - mu)
                for j in 0..<p {
                    gradient[j] += design[j][i] * (y[i] - mu)
                    for k in 0...j { info[j][k] += w * design[j][i] * design[k][i] }
                }
            }
            for j in 0..<p { for k in 0..<j { info[k][j] = info[j][k] } }
            if iteration == maxIterations || !logLik.isFinite { break }
            let step = try DenseSolver.solve(info, gradient, what: "logistic regression")
            for j in 0..<p { beta[j] += step[j] }
            // Why: Newton converges quadratically, so once a step is this small the remaining
            // error is far below it.
            if (0..<p).allSatisfy({ abs(step[$0]) <= 1e-11 * (1 + abs(beta[$0])) }) { break }
        }
        let variances = DenseSolver.inverseDiagonal(info) ?? [Double](repeating: .nan, count: p)
        let se = variances.map { $0.squareRoot() }
        let pv = (0..<p).map { 2 * NormalDistribution().sf(abs(beta[$0] / se[$0])) }
        let separated = (0..<n).contains { i in
            var eta = offset?[i] ?? 0
            for j in 0..<p { eta += design[j][i] * beta[j] }
            return abs(eta) > 30
        }
        return Fit(
            intercept: beta[0], coefficients: Array(beta.dropFirst()), standardErrors: se, pValues: pv,
            logLikelihood: logLik, iterations: iterations, separated: separated)
    }

    /// log(1 + eᵗ) without overflow.
    @inline(__always) static func softplus(_ t: Double) -> Double {
        t > 0 ? t + log1p(exp(-t)) : log1p(exp(t))
    }
}
