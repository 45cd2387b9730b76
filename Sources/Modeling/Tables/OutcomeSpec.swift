import RadVaultCore

/// Which clinical columns hold the outcome.
public enum OutcomeSpec: Codable, Sendable, Equatable {
    /// A 0/1 outcome (logistic models, AUC).
    case binary(column: String)
    /// Time to event with an event indicator (Cox models, C-index).
    case survival(time: String, event: String)

    enum CodingKeys: String, CodingKey { case kind, column, time, event }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "binary": self = .binary(column: try c.decode(String.self, forKey: .column))
        case "survival":
            self = .survival(
                time: try c.decode(String.self, forKey: .time), event: try c.decode(String.self, forKey: .event))
        case let other: throw RadVaultError.invalidInput("outcome: kind '\(other)', expected binary or survival")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .binary(let column):
            try c.encode("binary", forKey: .kind)
            try c.encode(column, forKey: .column)
        case .survival(let time, let event):
            try c.encode("survival", forKey: .kind)
            try c.encode(time, forKey: .time)
            try c.encode(event, forKey: .event)
        }
    }

    public var isSurvival: Bool {
        if case .survival = self { return true }
        return false
    }
}

/// Outcome values of the subjects in one cohort, already checked.
public enum OutcomeValues: Sendable, Equatable {
    case binary([Double])
    case survival(time: [Double], event: [Double])

    var count: Int {
        switch self {
        case .binary(let y): return y.count
        case .survival(let t, _): return t.count
        }
    }

    /// The values of a subset of subjects.
    func subset(_ rows: [Int]) -> OutcomeValues {
        switch self {
        case .binary(let y): return .binary(rows.map { y[$0] })
        case .survival(let t, let e): return .survival(time: rows.map { t[$0] }, event: rows.map { e[$0] })
        }
    }

    /// Stratum of each subject for stratified splits: the class, or the event indicator.
    var strata: [Int] {
        switch self {
        case .binary(let y): return y.map { Int($0) }
        case .survival(_, let e): return e.map { Int($0) }
        }
    }
}
