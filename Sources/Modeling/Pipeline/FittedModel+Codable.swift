import RadVaultCore

/// The canonical JSON of a model: `radvault.model/2` stores the selected features as `terms`,
/// one `{"feature", "coefficient", "mean", "sd"}` object each in selection order, so every
/// number is addressed by its feature's name. `radvault.model/1` documents (parallel arrays
/// `features`, `means`, `sds`, `coefficients`) are still read, so older models can be scored.
extension FittedModel {
    enum CodingKeys: String, CodingKey {
        case format, modelType, outcome, terms, intercept, lambda, lambdaRule, seed, radscoreThreshold, combined
        case features, means, sds, coefficients  // radvault.model/1 only
    }

    /// The selected features with their coefficient and scaler, in selection order.
    public var terms: [ModelTerm] {
        features.indices.map {
            ModelTerm(feature: features[$0], coefficient: coefficients[$0], mean: means[$0], sd: sds[$0])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        guard features.count == coefficients.count, features.count == means.count, features.count == sds.count
        else {
            throw RadVaultError.internalError("model: features, means, sds and coefficients differ in length")
        }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(modelType, forKey: .modelType)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(terms, forKey: .terms)
        try c.encode(intercept, forKey: .intercept)
        try c.encodeIfPresent(lambda, forKey: .lambda)
        try c.encodeIfPresent(lambdaRule, forKey: .lambdaRule)
        try c.encode(seed, forKey: .seed)
        try c.encode(radscoreThreshold, forKey: .radscoreThreshold)
        try c.encodeIfPresent(combined, forKey: .combined)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let stored = try c.decode(String.self, forKey: .format)
        // A legacy document is read into the current form (and re-encodes as radvault.model/2).
        format = stored == FittedModel.legacyFormat ? FittedModel.format : stored
        modelType = try c.decode(ModelSpec.Kind.self, forKey: .modelType)
        outcome = try c.decode(OutcomeSpec.self, forKey: .outcome)
        if stored == FittedModel.legacyFormat {
            features = try c.decode([String].self, forKey: .features)
            means = try c.decode([Double].self, forKey: .means)
            sds = try c.decode([Double].self, forKey: .sds)
            coefficients = try c.decode([Double].self, forKey: .coefficients)
        } else {
            let terms = try c.decode([ModelTerm].self, forKey: .terms)
            features = terms.map(\.feature)
            means = terms.map(\.mean)
            sds = terms.map(\.sd)
            coefficients = terms.map(\.coefficient)
        }
        intercept = try c.decode(Double.self, forKey: .intercept)
        lambda = try c.decodeIfPresent(Double.self, forKey: .lambda)
        lambdaRule = try c.decodeIfPresent(LambdaRule.self, forKey: .lambdaRule)
        seed = try c.decode(UInt64.self, forKey: .seed)
        radscoreThreshold = try c.decode(Double.self, forKey: .radscoreThreshold)
        combined = try c.decodeIfPresent(CombinedModel.self, forKey: .combined)
    }
}
