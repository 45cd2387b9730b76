/// A texture matrix of counts: rows are grey levels, columns a second index j (run length, zone
/// size, distance, dependence count, or a second grey level for the GLCM).
///
/// Counts are stored as `Double` (exact for integers below 2^53) so merged matrices and features
/// share one type. Merging (IBSI-1 §3.6–3.12, "Aggregating features") is an element-wise sum of
/// counts together with the sum of N_v, so `adding` requires identical row and column values.
struct CountMatrix: Sendable {
    /// Grey level value i of each row.
    var rowValues: [Double]
    /// Value j of each column.
    var columnValues: [Double]
    /// Counts, row-major (`counts[r * columns + c]`).
    var counts: [Double]
    /// N_v: the number of voxels the matrix was built from.
    var voxelCount: Double

    var rows: Int { rowValues.count }
    var columns: Int { columnValues.count }

    /// An empty matrix.
    init(rowValues: [Double], columnValues: [Double], voxelCount: Double = 0) {
        self.rowValues = rowValues
        self.columnValues = columnValues
        counts = [Double](repeating: 0, count: rowValues.count * columnValues.count)
        self.voxelCount = voxelCount
    }

    /// A matrix with columns j = 1...`columns`.
    init(rowValues: [Double], columns: Int, voxelCount: Double = 0) {
        self.init(rowValues: rowValues, columnValues: (0..<columns).map { Double($0 + 1) }, voxelCount: voxelCount)
    }

    /// Sum of all counts (N_s), summed in storage order.
    var total: Double {
        var s = 0.0
        for v in counts { s += v }
        return s
    }

    /// Element-wise sum of counts and of N_v (the IBSI merge).
    mutating func add(_ other: CountMatrix) {
        precondition(other.counts.count == counts.count, "CountMatrix.add: shapes differ")
        for k in counts.indices { counts[k] += other.counts[k] }
        voxelCount += other.voxelCount
    }

    /// The sum of several matrices of the same shape, in the given order.
    static func merged(_ matrices: [CountMatrix]) -> CountMatrix? {
        guard var out = matrices.first else { return nil }
        for m in matrices.dropFirst() { out.add(m) }
        return out
    }

    /// A matrix from a list of (compact row, j) observations, with one column per distinct j.
    ///
    /// Used by the zone families, whose j (zone size, distance) can be as large as the ROI: only
    /// occurring values get a column, so the matrix stays small. Columns are in increasing j.
    static func fromObservations(
        rows: [Int32], js: [Int32], rowValues: [Double], voxelCount: Double
    ) -> CountMatrix {
        var maxJ = 0
        for j in js { maxJ = max(maxJ, Int(j)) }
        var column = [Int32](repeating: -1, count: maxJ + 1)
        for j in js { column[Int(j)] = 0 }
        var values: [Double] = []
        for j in 0...maxJ where column[j] == 0 {
            column[j] = Int32(values.count)
            values.append(Double(j))
        }
        var m = CountMatrix(rowValues: rowValues, columnValues: values, voxelCount: voxelCount)
        let width = values.count
        for k in rows.indices {
            m.counts[(Int(rows[k]) - 1) * width + Int(column[Int(js[k])])] += 1
        }
        return m
    }
}

/// The arithmetic mean of feature vectors, skipping empty matrices (IBSI-1 §3.6, averaged methods).
struct FeatureMean {
    private var sum: [Double] = []
    private(set) var count = 0

    /// Adds one feature vector; sums are accumulated in call order (fixed order, deterministic).
    mutating func add(_ features: [Double]?) {
        guard let features else { return }
        if sum.isEmpty {
            sum = features
        } else {
            for k in sum.indices { sum[k] += features[k] }
        }
        count += 1
    }

    /// The mean, or nil when every matrix was empty.
    var mean: [Double]? {
        guard count > 0 else { return nil }
        let n = Double(count)
        return sum.map { $0 / n }
    }
}
