import RadVaultCore

/// One feature-selection step. YAML: a mapping with `method` and its options.
public enum SelectionStep: Codable, Sendable, Equatable {
    /// Remove constant and near-zero-variance features (caret's `nearZeroVar`: most common
    /// value more than `freqRatio` times the second and fewer than `uniqueFraction` · n
    /// distinct values).
    case nearZeroVariance(freqRatio: Double, uniqueFraction: Double)
    /// Remove one of every pair with |r| > threshold, keeping the feature more associated with
    /// the outcome (|AUC − ½| or |C − ½|).
    case redundancy(method: Correlation.Method, threshold: Double)
    /// Keep features whose univariate test has BH q ≤ fdr (at most `maxFeatures`, smallest p first).
    case univariate(test: UnivariateTest, fdr: Double, maxFeatures: Int?)

    /// The univariate test of a filter.
    public enum UnivariateTest: String, Codable, Sendable, CaseIterable {
        case mannWhitney, welch, cox
    }

    enum CodingKeys: String, CodingKey {
        case method, freqRatio, uniqueFraction, correlation, threshold, test, fdr, maxFeatures
    }

    /// The keys each method reads (any other key in a step is refused by name).
    static let keys: [String: [String]] = [
        "nearZeroVariance": ["method", "freqRatio", "uniqueFraction"],
        "redundancy": ["method", "correlation", "threshold"],
        "univariate": ["method", "test", "fdr", "maxFeatures"],
    ]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .method) {
        case "nearZeroVariance":
            self = .nearZeroVariance(
                freqRatio: try c.decodeIfPresent(Double.self, forKey: .freqRatio) ?? 95.0 / 5.0,
                uniqueFraction: try c.decodeIfPresent(Double.self, forKey: .uniqueFraction) ?? 0.1)
        case "redundancy":
            let threshold = try c.decodeIfPresent(Double.self, forKey: .threshold) ?? 0.9
            guard threshold > 0, threshold <= 1 else {
                throw RadVaultError.invalidInput("selection.redundancy.threshold: expected (0, 1], got \(threshold)")
            }
            self = .redundancy(
                method: try c.decodeIfPresent(Correlation.Method.self, forKey: .correlation) ?? .spearman,
                threshold: threshold)
        case "univariate":
            self = .univariate(
                test: try c.decode(UnivariateTest.self, forKey: .test),
                fdr: try c.decodeIfPresent(Double.self, forKey: .fdr) ?? 0.05,
                maxFeatures: try c.decodeIfPresent(Int.self, forKey: .maxFeatures))
        case let other:
            throw RadVaultError.invalidInput(
                "selection.method: '\(other)', expected nearZeroVariance, redundancy or univariate")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .nearZeroVariance(let freqRatio, let uniqueFraction):
            try c.encode("nearZeroVariance", forKey: .method)
            try c.encode(freqRatio, forKey: .freqRatio)
            try c.encode(uniqueFraction, forKey: .uniqueFraction)
        case .redundancy(let method, let threshold):
            try c.encode("redundancy", forKey: .method)
            try c.encode(method, forKey: .correlation)
            try c.encode(threshold, forKey: .threshold)
        case .univariate(let test, let fdr, let maxFeatures):
            try c.encode("univariate", forKey: .method)
            try c.encode(test, forKey: .test)
            try c.encode(fdr, forKey: .fdr)
            try c.encodeIfPresent(maxFeatures, forKey: .maxFeatures)
        }
    }

    /// Short name for logs.
    public var name: String {
        switch self {
        case .nearZeroVariance: return "nearZeroVariance"
        case .redundancy: return "redundancy"
        case .univariate: return "univariate"
        }
    }
}
