import RadVaultCore

/// A discrete choice an executor makes, declared so a replay can report the items that moved.
///
/// Why: a reviewer judging an `equivalent` or `different` verdict needs to know whether a
/// numerical drift changed a conclusion — a gene crossing the FDR cut, a feature entering or
/// leaving the LASSO selection, a hub gene or a module assignment changing. Three forms cover
/// these without the engine knowing any analysis:
/// - `threshold`: membership is `score op threshold` (genes with BH q < 0.05; features with
///   |coefficient| > 0; hub genes with |kME| > 0.8);
/// - `listed`: membership is an explicit list or set in the output (the selected features),
///   with optional scores for the distance to the threshold;
/// - `label`: each item has a categorical label (WGCNA module colour).
public struct DecisionRule: Hashable, Sendable {
    /// How a score is compared with the threshold.
    public enum Comparison: String, Hashable, Sendable {
        case lessThan = "<"
        case lessOrEqual = "<="
        case greaterThan = ">"
        case greaterOrEqual = ">="
        /// `|score| > threshold` (a LASSO coefficient that is not zero).
        case absGreaterThan = "|x|>"

        func holds(_ score: Double, _ threshold: Double) -> Bool {
            switch self {
            case .lessThan: return score < threshold
            case .lessOrEqual: return score <= threshold
            case .greaterThan: return score > threshold
            case .greaterOrEqual: return score >= threshold
            case .absGreaterThan: return abs(score) > threshold
            }
        }

        func distance(_ score: Double, _ threshold: Double) -> Double {
            self == .absGreaterThan ? abs(abs(score) - threshold) : abs(score - threshold)
        }
    }

    /// Where membership comes from.
    public enum Membership: Hashable, Sendable {
        case threshold(scores: PathPattern, comparison: Comparison, threshold: Double)
        case listed(members: PathPattern, scores: PathPattern?, comparison: Comparison?, threshold: Double?)
        case label(labels: PathPattern)
    }

    /// A stable name shown in reports (`fdr_significant`, `lasso_selected`, `module`).
    public var name: String
    /// The output role the rule reads.
    public var output: String
    public var membership: Membership

    public init(name: String, output: String, membership: Membership) {
        self.name = name
        self.output = output
        self.membership = membership
    }

    /// Items whose score at `scores` satisfies `score comparison threshold`.
    public static func threshold(
        _ name: String, output: String, scores: String, _ comparison: Comparison, _ threshold: Double
    ) -> DecisionRule {
        DecisionRule(
            name: name, output: output,
            membership: .threshold(scores: PathPattern(scores), comparison: comparison, threshold: threshold))
    }

    /// Items listed at `members` (string values, else the wildcard keys), with optional scores.
    public static func listed(
        _ name: String, output: String, members: String, scores: String? = nil,
        _ comparison: Comparison? = nil, _ threshold: Double? = nil
    ) -> DecisionRule {
        DecisionRule(
            name: name, output: output,
            membership: .listed(
                members: PathPattern(members), scores: scores.map(PathPattern.init),
                comparison: comparison, threshold: threshold))
    }

    /// Items with a categorical label at `labels`.
    public static func label(_ name: String, output: String, labels: String) -> DecisionRule {
        DecisionRule(name: name, output: output, membership: .label(labels: PathPattern(labels)))
    }
}
