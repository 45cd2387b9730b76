import RadVaultCore

/// Right-censored survival outcomes: follow-up time and event indicator (1 = event).
public struct SurvivalData: Sendable, Equatable {
    public var time: [Double]
    public var event: [Bool]

    public init(time: [Double], event: [Bool]) {
        self.time = time
        self.event = event
    }

    var count: Int { time.count }

    /// Subjects grouped by distinct time, latest time first: each group lists its subjects and
    /// which of them had an event. This is the order in which risk sets grow.
    func descendingTimeGroups() -> [(all: [Int], events: [Int])] {
        let order = time.indices.sorted { time[$0] > time[$1] || (time[$0] == time[$1] && $0 < $1) }
        var groups: [(all: [Int], events: [Int])] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, time[order[j + 1]] == time[order[i]] { j += 1 }
            let members = Array(order[i...j])
            groups.append((members, members.filter { event[$0] }))
            i = j + 1
        }
        return groups
    }
}

/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, Codable, Sendable, CaseIterable {
    /// Efron's approximation (R `coxph` and lifelines default).
    case efron
    /// Breslow's approximation (glmnet's coxnet).
    case breslow
}
