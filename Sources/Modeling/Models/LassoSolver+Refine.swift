extension LassoSolver {
    /// The threshold a kept λ is solved down to (see `refine`).
    static let refinementThreshold = 1e-20

    /// Solves the path's λ_k again, warm-started from the path solution, to `refinementThreshold`,
    /// and writes the result back into `path` (intercept, coefficients, nonzero count).
    ///
    /// Why: glmnet's `thresh` (default 1e-7) bounds the change of the last sweep, which leaves an
    /// IRLS/coordinate-descent solution ~√thresh from the optimum, so a feature whose exact
    /// coefficient is 0 can keep a small nonzero one. On bench/model_lasso_vs_sklearn.sh's 500 ×
    /// 1,500 data, glmnet at thresh 1e-7 keeps 68 features at λ-min; glmnet at 1e-12, scikit-learn's
    /// saga at λ-min and this refinement agree on 67. Which features a model selects must not
    /// depend on the solver's tolerance, so the λ a model keeps is solved to convergence; the rest
    /// of the path (and the CV curve) stays at the requested threshold, as in glmnet.
    static func refine(
        path: inout LassoPath, at k: Int, design: StandardizedDesign, family: some L1Family, options: LassoOptions
    ) {
        guard path.lambdas.indices.contains(k) else { return }
        var tight = options
        tight.threshold = min(options.threshold, refinementThreshold)
        // A bounded budget: near separation (λ at the end of a saturated path) convergence can
        // be very slow, and the refinement must never turn a fit into a hang.
        tight.maxSweeps = min(options.maxSweeps, 10_000)
        tight.maxOuterIterations = min(options.maxOuterIterations, 50)
        var beta = [Double](repeating: 0, count: design.p)
        // The path stores original-scale values: β_j = b_j·sd_j, β₀ = b₀ + Σ b_j·mean_j (Cox: 0).
        var intercept = family.fitIntercept ? path.intercepts[k] : 0
        for j in 0..<design.p where design.sds[j] > 0 {
            beta[j] = path.coefficients[k][j] * design.sds[j]
            if family.fitIntercept { intercept += path.coefficients[k][j] * design.means[j] }
        }
        let columns = (0..<design.p).filter { beta[$0] != 0 }
        var eta = design.linearPredictor(columns: columns, coefficients: columns.map { beta[$0] })
        for i in eta.indices { eta[i] += intercept }
        var state = State(
            beta: beta, intercept: intercept, eta: eta, active: beta.map { $0 != 0 },
            scores: design.scores(family.working(eta: eta).r))
        let cd = CoordinateDescent(
            design: design, fitIntercept: family.fitIntercept, threshold: tight.threshold,
            maxSweeps: tight.maxSweeps)
        let lambda = path.lambdas[k]
        solve(
            lambda: lambda, previous: lambda, design: design, family: family, cd: cd, options: tight,
            state: &state)
        let (b0, raw) = design.originalScale(intercept: state.intercept, beta: state.beta)
        path.intercepts[k] = b0
        path.coefficients[k] = raw
        path.nonzero[k] = state.beta.filter { $0 != 0 }.count
    }
}
