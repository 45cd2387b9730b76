import RadVaultCore

/// The one chokepoint that turns LAPACKE return codes into `RadVaultError`s.
///
/// `info < 0` means argument `-info` was illegal: a programmer error in this module, reported
/// as `.internal`. `info > 0` means the algorithm did not converge (or the matrix was
/// singular): a property of the data, reported as `.numerical`.
enum LAPACKStatus {
    static func check(_ info: Int32, routine: String, context: String) throws {
        if info < 0 {
            throw RadVaultError.internalError("\(routine): argument \(-info) had an illegal value (\(context))")
        }
        if info > 0 {
            throw RadVaultError.numerical("\(routine): did not converge (info = \(info)) for \(context)")
        }
    }
}

/// Eigen-decomposition of a symmetric matrix (LAPACKE `dsyevr`).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Eigenvectors as columns, in the order of `values`.
    public let vectors: Matrix

    /// Decomposes a symmetric matrix (only the upper triangle is read).
    public init(_ a: Matrix) throws {
        guard a.rows == a.columns else {
            throw RadVaultError.internalError("SymmetricEigen: matrix is \(a.rows)×\(a.columns), expected square")
        }
        let n = a.rows
        // LAPACK's inner BLAS calls must not depend on a thread count either (see `BLAS`).
        _ = BLAS.singleThreaded
        var work = a.storage
        var w = Array(repeating: 0.0, count: n)
        var z = Array(repeating: 0.0, count: n * n)
        var isuppz = Array(repeating: Int32(0), count: 2 * max(1, n))
        var found: Int32 = 0
        let info = work.withUnsafeMutableBufferPointer { pa in
            OpenBLASLibrary.shared.dsyevr(
                OpenBLASLibrary.colMajor, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "A")), Int8(UInt8(ascii: "U")),
                Int32(n), pa.baseAddress, Int32(max(1, n)), 0, 0, 0, 0, 0, &found, &w, &z,
                Int32(max(1, n)), &isuppz)
        }
        try LAPACKStatus.check(info, routine: "LAPACKE_dsyevr", context: "a \(n)×\(n) symmetric matrix")
        values = w
        vectors = try Matrix(rows: n, columns: n, columnMajor: z)
    }
}

/// Thin singular value decomposition A = U · diag(s) · Vᵀ (LAPACKE `dgesdd`, jobz = "S").
public struct SVD: Sendable {
    /// Left singular vectors (m × min(m,n)).
    public let u: Matrix
    /// Singular values, descending.
    public let singularValues: [Double]
    /// Right singular vectors transposed (min(m,n) × n).
    public let vt: Matrix

    /// Decomposes a general matrix.
    public init(_ a: Matrix) throws {
        let m = a.rows
        let n = a.columns
        let k = min(m, n)
        _ = BLAS.singleThreaded
        var work = a.storage
        var s = Array(repeating: 0.0, count: k)
        var u = Array(repeating: 0.0, count: m * k)
        var vt = Array(repeating: 0.0, count: k * n)
        let info = work.withUnsafeMutableBufferPointer { pa in
            OpenBLASLibrary.shared.dgesdd(
                OpenBLASLibrary.colMajor, Int8(UInt8(ascii: "S")), Int32(m), Int32(n), pa.baseAddress,
                Int32(max(1, m)), &s, &u, Int32(max(1, m)), &vt, Int32(max(1, k)))
        }
        try LAPACKStatus.check(info, routine: "LAPACKE_dgesdd", context: "a \(m)×\(n) matrix")
        self.u = try Matrix(rows: m, columns: k, columnMajor: u)
        self.singularValues = s
        self.vt = try Matrix(rows: k, columns: n, columnMajor: vt)
    }
}
