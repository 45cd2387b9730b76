import Foundation
import RadVaultCore

/// An L1-penalised generalised linear model fitted over a decreasing λ sequence.
///
/// glmnet's algorithm (Friedman, Hastie & Tibshirani 2010): features standardised with the 1/n
/// standard deviation, the objective −log L/n + λ‖β‖₁ (intercept unpenalised), an outer IRLS
/// loop building the quadratic approximation, the inner `CoordinateDescent`, warm starts along
/// the path, and the sequential strong rule (Tibshirani et al. 2012, JRSS-B 74:245) with a KKT
/// check of every discarded feature. For Cox families the outer loop uses the exact Hessian
/// (`LassoSolver.newtonSolve`), not glmnet's diagonal; the penalised optimum is the same.
/// Coefficients are reported on the original scale.
public struct LassoPath: Codable, Sendable, Equatable {
    public var lambdas: [Double]
    public var intercepts: [Double]
    /// `coefficients[k][j]`: feature j at λ_k, original scale.
    public var coefficients: [[Double]]
    public var devianceRatio: [Double]
    public var nonzero: [Int]

    /// Linear predictors of new subjects at λ_k (`columns[j][i]`, original scale).
    public func linearPredictor(at k: Int, columns: [[Double]]) -> [Double] {
        let n = columns.first?.count ?? 0
        var eta = [Double](repeating: intercepts[k], count: n)
        for (j, b) in coefficients[k].enumerated() where b != 0 {
            for i in 0..<n { eta[i] += b * columns[j][i] }
        }
        return eta
    }
}

/// Options of the path solver.
public struct LassoOptions: Codable, Sendable, Equatable {
    /// Number of λ values (glmnet `nlambda`).
    public var lambdaCount: Int = 100
    /// λ_min / λ_max; nil = glmnet's default (0.01 when n < p, else 1e-4).
    public var lambdaMinRatio: Double?
    /// Coordinate-descent convergence threshold on max_j v_j Δβ_j² (glmnet `thresh`).
    public var threshold: Double = 1e-7
    public var maxOuterIterations: Int = 100
    public var maxSweeps: Int = 100_000
    /// Stop the path once the deviance ratio exceeds this (glmnet stops at 0.999).
    public var maxDevianceRatio: Double = 0.999

    public init() {}
}

enum LassoSolver {
    /// λ_max: the smallest λ at which every coefficient is zero, max_j |score_j| at the null model.
    static func lambdaMax(design: StandardizedDesign, family: some L1Family) -> Double {
        let eta = [Double](repeating: family.initialIntercept, count: design.n)
        let g = design.scores(family.working(eta: eta).r)
        return g.map(abs).max() ?? 0
    }

    /// The log-spaced sequence λ_max · ratio^(k/(K−1)), k = 0…K−1.
    static func lambdaSequence(lambdaMax: Double, n: Int, p: Int, options: LassoOptions) -> [Double] {
        let ratio = options.lambdaMinRatio ?? (n < p ? 0.01 : 1e-4)
        let k = max(options.lambdaCount, 1)
        guard k > 1 else { return [lambdaMax] }
        return (0..<k).map { lambdaMax * pow(ratio, Double($0) / Double(k - 1)) }
    }

    /// The solver's state carried from one λ to the next (warm starts), on the standardised scale.
    struct State {
        var beta: [Double]
        var intercept: Double
        var eta: [Double]
        var active: [Bool]
        /// (1/n) Xᵀr at the current solution (the strong rule and the KKT check read it).
        var scores: [Double]
    }

    /// Fits the whole path; stops early (shorter path) when the deviance ratio saturates.
    static func fit(
        design: StandardizedDesign, family: some L1Family, lambdas: [Double], options: LassoOptions
    ) -> LassoPath {
        let n = design.n
        let p = design.p
        let cd = CoordinateDescent(
            design: design, fitIntercept: family.fitIntercept, threshold: options.threshold,
            maxSweeps: options.maxSweeps)
        let b0 = family.initialIntercept
        let eta = [Double](repeating: b0, count: n)
        var state = State(
            beta: [Double](repeating: 0, count: p), intercept: b0, eta: eta, active: [Bool](repeating: false, count: p),
            scores: design.scores(family.working(eta: eta).r))
        let nullLL = family.logLikelihood(eta: eta)
        let saturatedLL = saturatedLogLikelihood(family)
        var path = LassoPath(lambdas: [], intercepts: [], coefficients: [], devianceRatio: [], nonzero: [])
        for (k, lambda) in lambdas.enumerated() {
            solve(
                lambda: lambda, previous: k == 0 ? lambda : lambdas[k - 1], design: design, family: family, cd: cd,
                options: options, state: &state)
            let ll = family.logLikelihood(eta: state.eta)
            let ratio = (ll - nullLL) / (saturatedLL - nullLL)
            let (intercept, raw) = design.originalScale(intercept: state.intercept, beta: state.beta)
            path.lambdas.append(lambda)
            path.intercepts.append(intercept)
            path.coefficients.append(raw)
            path.devianceRatio.append(ratio)
            path.nonzero.append(state.beta.filter { $0 != 0 }.count)
            if ratio > options.maxDevianceRatio { break }
        }
        return path
    }

    /// Solves the penalised problem at one λ from `state` (a warm start): the strong rule from
    /// the previous λ, the outer loop (exact Newton for Cox, glmnet's IRLS otherwise), then the
    /// KKT check of every discarded feature, repeated until no feature violates it.
    static func solve(
        lambda: Double, previous: Double, design: StandardizedDesign, family: some L1Family, cd: CoordinateDescent,
        options: LassoOptions, state: inout State
    ) {
        let p = design.p
        var strong = (0..<p).map { state.active[$0] || abs(state.scores[$0]) >= 2 * lambda - previous }
        while true {
            let candidates = (0..<p).filter { strong[$0] && design.sds[$0] > 0 }
            let exact =
                !family.fitIntercept
                && newtonSolve(
                    design: design, family: family, lambda: lambda, candidates: candidates, options: options,
                    eta: &state.eta, beta: &state.beta, active: &state.active)
            for _ in 0..<(exact ? 0 : options.maxOuterIterations) {
                let (w, r0) = family.working(eta: state.eta)
                var r = r0
                let sweeps = cd.solve(
                    lambda: lambda, weights: w, residuals: &r, eta: &state.eta, beta: &state.beta,
                    intercept: &state.intercept, candidates: candidates, active: &state.active)
                // Why: when the first sweep over the new quadratic approximation moves nothing
                // above the threshold, β solves the penalised score equations (glmnet's outer
                // convergence test uses the same weighted change).
                if sweeps == 1 { break }
            }
            state.scores = design.scores(family.working(eta: state.eta).r)
            let violators = (0..<p).filter {
                !strong[$0] && design.sds[$0] > 0 && abs(state.scores[$0]) > lambda
            }
            if violators.isEmpty { break }
            for j in violators { strong[j] = true }
        }
    }

    /// log L of the saturated model: 0 for the binomial; −Σ_k d_k log d_k for Breslow Cox,
    /// −Σ_k log d_k! for Efron Cox.
    static func saturatedLogLikelihood(_ family: some L1Family) -> Double {
        if let efron = family as? CoxEfronFamily { return efron.saturatedLogLikelihood }
        guard let cox = family as? CoxBreslowFamily else { return 0 }
        return cox.groups.reduce(0.0) { acc, g in
            let d = Double(g.events.count)
            return d > 0 ? acc - d * log(d) : acc
        }
    }
}
