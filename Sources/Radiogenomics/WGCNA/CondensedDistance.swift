/// A symmetric dissimilarity matrix with zero diagonal, stored as its strict upper triangle
/// row by row (R's `dist` layout): pair (i, j), i < j, at `n·i − i(i+1)/2 + (j − i − 1)`.
///
/// Half the memory of a full matrix; hierarchical clustering updates it in place.
public struct CondensedDistance: Sendable {
    /// Number of objects.
    public let count: Int
    /// The n(n−1)/2 dissimilarities.
    public var values: [Double]

    /// A zero matrix of n objects.
    public init(count: Int) {
        self.count = count
        self.values = Array(repeating: 0, count: count * max(0, count - 1) / 2)
    }

    /// Position of pair (i, j), i < j.
    @inline(__always) public func offset(_ i: Int, _ j: Int) -> Int {
        count * i - i * (i + 1) / 2 + (j - i - 1)
    }

    /// Dissimilarity of objects i and j (0 on the diagonal).
    @inline(__always) public subscript(i: Int, j: Int) -> Double {
        get {
            if i == j { return 0 }
            return i < j ? values[offset(i, j)] : values[offset(j, i)]
        }
        set {
            if i == j { return }
            if i < j { values[offset(i, j)] = newValue } else { values[offset(j, i)] = newValue }
        }
    }
}
