import RadVaultCore

/// A dense matrix of `Double` stored in column-major order (LAPACK's native order).
///
/// Element (i, j) lives at `storage[i + j * rows]`. Column-major is chosen so that every
/// LAPACK/BLAS call takes the buffer as-is (leading dimension = `rows`) with no transposition.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements, column-major: element (i, j) is `storage[i + j * rows]`.
    public var storage: [Double]

    /// A matrix filled with one value.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over an existing column-major buffer.
    public init(rows: Int, columns: Int, columnMajor: [Double]) throws {
        guard rows >= 0, columns >= 0, columnMajor.count == rows * columns else {
            throw RadVaultError.internalError(
                "Matrix(rows:columns:columnMajor:): \(columnMajor.count) elements given, expected \(rows)×\(columns)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from an array of rows (each row must have the same length).
    public init(rowArrays: [[Double]]) throws {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var s = Array(repeating: 0.0, count: r * c)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == c else {
                throw RadVaultError.internalError("Matrix(rowArrays:): row \(i) has \(row.count) values, expected \(c)")
            }
            for j in 0..<c { s[i + j * r] = row[j] }
        }
        self.rows = r
        self.columns = c
        self.storage = s
    }

    /// Element access (row i, column j).
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// One column as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// One row as an array.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The transpose.
    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
        }
        return t
    }

    /// The identity matrix of order n.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }
}
