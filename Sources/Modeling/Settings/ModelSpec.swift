import RadVaultCore

/// The model family and its fitting options.
public struct ModelSpec: Codable, Sendable, Equatable {
    /// Which model.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// L1-penalised logistic regression over a λ path with k-fold CV (glmnet binomial).
        case lassoLogistic
        /// Unpenalised logistic regression (IRLS).
        case logistic
        /// Unpenalised Cox proportional hazards (Newton–Raphson).
        case cox
        /// L1-penalised Cox with k-fold CV (glmnet's coxnet; Breslow ties by default, Efron on request).
        case lassoCox

        public var isSurvival: Bool { self == .cox || self == .lassoCox }
        public var isPenalised: Bool { self == .lassoLogistic || self == .lassoCox }
    }

    public var type: Kind
    public var lambdaRule: LambdaRule
    /// Folds of the inner CV that picks λ.
    public var folds: Int
    public var lambdaCount: Int
    public var lambdaMinRatio: Double?
    public var threshold: Double
    /// Ties of the Cox partial likelihood (efron by default; breslow by default for lassoCox, as
    /// glmnet's coxnet and scikit-survival, which support no other; efron may be asked for).
    public var ties: CoxTies

    public init(
        type: Kind, lambdaRule: LambdaRule = .min, folds: Int = 10, lambdaCount: Int = 100,
        lambdaMinRatio: Double? = nil, threshold: Double = 1e-7, ties: CoxTies? = nil
    ) {
        self.type = type
        self.lambdaRule = lambdaRule
        self.folds = folds
        self.lambdaCount = lambdaCount
        self.lambdaMinRatio = lambdaMinRatio
        self.threshold = threshold
        self.ties = ties ?? (type == .lassoCox ? .breslow : .efron)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, lambdaRule, folds, lambdaCount, lambdaMinRatio, threshold, ties
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            type: try c.decode(Kind.self, forKey: .type),
            lambdaRule: try c.decodeIfPresent(LambdaRule.self, forKey: .lambdaRule) ?? .min,
            folds: try c.decodeIfPresent(Int.self, forKey: .folds) ?? 10,
            lambdaCount: try c.decodeIfPresent(Int.self, forKey: .lambdaCount) ?? 100,
            lambdaMinRatio: try c.decodeIfPresent(Double.self, forKey: .lambdaMinRatio),
            threshold: try c.decodeIfPresent(Double.self, forKey: .threshold) ?? 1e-7,
            ties: try c.decodeIfPresent(CoxTies.self, forKey: .ties))
        guard folds >= 2, lambdaCount >= 1, threshold > 0 else {
            throw RadVaultError.invalidInput("model: folds must be ≥ 2, lambdaCount ≥ 1 and threshold > 0")
        }
    }

    var lassoOptions: LassoOptions {
        var o = LassoOptions()
        o.lambdaCount = lambdaCount
        o.lambdaMinRatio = lambdaMinRatio
        o.threshold = threshold
        return o
    }
}

/// How performance is validated.
public struct ValidationSpec: Codable, Sendable, Equatable {
    public enum Scheme: String, Codable, Sendable, CaseIterable {
        /// Apparent (training) performance only.
        case none
        /// Seeded stratified hold-out split.
        case holdout
        /// A second cohort (validation features and clinical tables).
        case external
        /// Repeated stratified k-fold: the whole selection + fit is repeated inside each fold.
        case repeatedCV
    }

    public var scheme: Scheme
    public var testFraction: Double
    public var folds: Int
    public var repeats: Int

    public init(scheme: Scheme = .none, testFraction: Double = 0.3, folds: Int = 5, repeats: Int = 10) {
        self.scheme = scheme
        self.testFraction = testFraction
        self.folds = folds
        self.repeats = repeats
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case scheme, testFraction, folds, repeats }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scheme: try c.decodeIfPresent(Scheme.self, forKey: .scheme) ?? .none,
            testFraction: try c.decodeIfPresent(Double.self, forKey: .testFraction) ?? 0.3,
            folds: try c.decodeIfPresent(Int.self, forKey: .folds) ?? 5,
            repeats: try c.decodeIfPresent(Int.self, forKey: .repeats) ?? 10)
    }
}
