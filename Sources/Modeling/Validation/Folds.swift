import RadVaultCore

/// Seeded, stratified assignment of subjects to folds and splits.
public enum Folds {
    /// Fold number (0..<k) of every subject, stratified by `strata`.
    ///
    /// Each stratum (in ascending stratum order) is shuffled with the seeded generator and dealt
    /// round-robin, continuing the count from the previous stratum, so fold sizes differ by at
    /// most one and every fold gets its share of each class (as caret's `createFolds`).
    public static func stratified(strata: [Int], k: Int, seed: UInt64) throws -> [Int] {
        guard k >= 2 else { throw RadVaultError.invalidInput("cross-validation: folds must be at least 2, got \(k)") }
        guard strata.count >= k else {
            throw RadVaultError.invalidInput(
                "cross-validation: \(strata.count) subjects are fewer than the \(k) folds requested")
        }
        var generator = SeededGenerator(seed: seed)
        var fold = [Int](repeating: 0, count: strata.count)
        var counter = 0
        for stratum in Set(strata).sorted() {
            var members = strata.indices.filter { strata[$0] == stratum }
            generator.shuffle(&members)
            for i in members {
                fold[i] = counter % k
                counter += 1
            }
        }
        return fold
    }

    /// Stratified hold-out split: indices of the training and test subjects (each ascending).
    /// `testFraction` of every stratum (rounded) goes to the test set.
    public static func holdout(strata: [Int], testFraction: Double, seed: UInt64) throws -> (train: [Int], test: [Int])
    {
        guard testFraction > 0, testFraction < 1 else {
            throw RadVaultError.invalidInput("validation.testFraction: expected a value in (0, 1), got \(testFraction)")
        }
        var generator = SeededGenerator(seed: seed)
        var test: [Int] = []
        for stratum in Set(strata).sorted() {
            var members = strata.indices.filter { strata[$0] == stratum }
            generator.shuffle(&members)
            let count = Int((Double(members.count) * testFraction).rounded())
            test.append(contentsOf: members.prefix(count))
        }
        let testSet = Set(test)
        let train = strata.indices.filter { !testSet.contains($0) }
        return (train, test.sorted())
    }
}
