/// A replay verdict, ordered from best to worst (DESIGN.md, "Reproducibility contract").
public enum Verdict: String, Codable, Sendable, Comparable, CaseIterable {
    /// Every output digest equal.
    case identical
    /// Values differ only within the executor's declared tolerance.
    case equivalent
    /// At least one value or structure differs beyond tolerance.
    case different
    /// An input blob is missing or corrupt, or the executor version is unknown.
    case unreplayable

    var rank: Int {
        switch self {
        case .identical: return 0
        case .equivalent: return 1
        case .different: return 2
        case .unreplayable: return 3
        }
    }

    public static func < (a: Verdict, b: Verdict) -> Bool { a.rank < b.rank }

    /// The study verdict: the worst of its runs (`identical` when there is none).
    public static func aggregate<S: Sequence>(_ verdicts: S) -> Verdict where S.Element == Verdict {
        verdicts.max() ?? .identical
    }

    /// Process exit status: 0 identical/equivalent, 1 different, 2 unreplayable (or error).
    public var exitStatus: Int32 {
        switch self {
        case .identical, .equivalent: return 0
        case .different: return 1
        case .unreplayable: return 2
        }
    }
}
