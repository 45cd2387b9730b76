import Foundation
import Testing

@testable import RadVaultCore

@Suite struct OrderedParallelTests {
    @Test(arguments: [1, 2, 3, 8]) func resultsComeBackInIndexOrder(workers: Int) {
        let out = OrderedParallel.map(count: 50, workers: workers) { i in i * i }
        #expect(out == (0..<50).map { $0 * $0 })
    }

    @Test func theFirstErrorByIndexIsRethrownAfterEveryItemRan() {
        let ran = Counter()
        let e = #expect(throws: RadVaultError.self) {
            try OrderedParallel.tryMap(count: 20, workers: 3) { i -> Int in
                ran.add()
                if i == 7 || i == 13 { throw RadVaultError.invalidInput("item \(i)") }
                return i
            } wrap: { i, error in
                RadVaultError.invalidInput("wrapped \(i): \(error)")
            }
        }
        #expect(e?.message.hasPrefix("wrapped 7:") == true)
        #expect(ran.value == 20)
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
