import Foundation

/// Index-ordered parallel loops: each worker claims the next unclaimed item when it is free (items
/// of uneven cost, or a worker started late, do not leave the others idle), and results come back
/// in index order whatever the scheduling (DESIGN.md: no result may depend on thread count).
public enum OrderedParallel {
    /// `body(i)` for every i in 0..<count on up to `workers` workers; results in index order.
    public static func map<T>(count: Int, workers: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = max(1, min(workers, count))
        guard workers > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = slots.claim() { slots.set(i, body(i)) }
        }
        return slots.values()
    }

    /// Like `map`, with a throwing body: every item runs, then the first error by index is rethrown
    /// through `wrap` (which may add context such as the item's name).
    public static func tryMap<T>(
        count: Int, workers: Int, _ body: @Sendable (Int) throws -> T,
        wrap: (Int, any Error) -> any Error = { $1 }
    ) throws -> [T] {
        let results = map(count: count, workers: workers) { i in Result { try body(i) } }
        return try results.enumerated().map { i, r in
            do { return try r.get() } catch { throw wrap(i, error) }
        }
    }
}

/// Fixed result slots filled by concurrent workers, read back in index order.
private final class Slots<T>: @unchecked Sendable {
    private var slots: [T?]
    private var claimed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next index no worker has taken yet; nil when all are taken.
    func claim() -> Int? {
        lock.withLock {
            guard claimed < slots.count else { return nil }
            claimed += 1
            return claimed - 1
        }
    }

    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }

    /// Every slot is filled by construction (each index is claimed by exactly one worker).
    func values() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}
