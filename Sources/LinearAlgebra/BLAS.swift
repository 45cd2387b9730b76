internal import COpenBLAS

/// Level-3 BLAS products (OpenBLAS `cblas_dgemm`, `cblas_dsyrk`) on column-major matrices.
///
/// The thread count is whatever `BLASInfo.setThreads` set last; callers that produce digested
/// outputs set it explicitly first.
public enum BLAS {
    /// C = alpha · op(A) · op(B), op = transpose when the flag is set (`cblas_dgemm`).
    public static func gemm(
        _ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false, alpha: Double = 1
    ) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let kb = transposeB ? b.columns : b.rows
        let n = transposeB ? b.rows : b.columns
        precondition(k == kb, "BLAS.gemm: inner dimensions \(k) and \(kb) differ")
        var c = Matrix(rows: m, columns: n)
        guard m > 0, n > 0 else { return c }
        if k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    gemm(
                        m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress, lda: max(1, a.rows), transposeA: transposeA,
                        b: pb.baseAddress, ldb: max(1, b.rows), transposeB: transposeB, beta: 0,
                        c: pc.baseAddress, ldc: max(1, m))
                }
            }
        }
        return c
    }

    /// Raw column-major GEMM: C(m×n) = alpha·op(A)·op(B) + beta·C (`cblas_dgemm`).
    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>?, lda: Int, transposeA: Bool,
        b: UnsafePointer<Double>?, ldb: Int, transposeB: Bool, beta: Double, c: UnsafeMutablePointer<Double>?, ldc: Int
    ) {
        cblas_dgemm(
            CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// The Gram matrix G = alpha · AᵀA (when `transpose`) or alpha · AAᵀ, both triangles filled
    /// (`cblas_dsyrk` on the upper triangle, then mirrored).
    public static func syrk(_ a: Matrix, transpose: Bool, alpha: Double = 1) -> Matrix {
        let n = transpose ? a.columns : a.rows
        let k = transpose ? a.rows : a.columns
        var c = Matrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return c }
        a.storage.withUnsafeBufferPointer { pa in
            c.storage.withUnsafeMutableBufferPointer { pc in
                syrkUpper(
                    n: n, k: k, alpha: alpha, a: pa.baseAddress, lda: max(1, a.rows), transpose: transpose, beta: 0,
                    c: pc.baseAddress, ldc: n)
            }
        }
        mirrorUpperToLower(&c)
        return c
    }

    /// Copies the strict upper triangle of a square matrix onto the lower one, by 64×64 tiles
    /// so that the strided side of the transpose stays in cache (a plain double loop misses
    /// the cache once per element on large n).
    static func mirrorUpperToLower(_ c: inout Matrix) {
        let n = c.rows
        let tile = 64
        c.storage.withUnsafeMutableBufferPointer { s in
            for jb in stride(from: 0, to: n, by: tile) {
                for ib in stride(from: jb, to: n, by: tile) {
                    for j in jb..<min(jb + tile, n) {
                        let lo = max(ib, j + 1)
                        let hi = min(ib + tile, n)
                        guard lo < hi else { continue }
                        for i in lo..<hi { s[i + j * n] = s[j + i * n] }
                    }
                }
            }
        }
    }

    /// Raw column-major SYRK on the upper triangle: C = alpha·op(A)·op(A)ᵀ + beta·C with
    /// op(A) = Aᵀ when `transpose` (`cblas_dsyrk`, CblasUpper). The strict lower triangle is
    /// not referenced.
    public static func syrkUpper(
        n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>?, lda: Int, transpose: Bool, beta: Double,
        c: UnsafeMutablePointer<Double>?, ldc: Int
    ) {
        cblas_dsyrk(
            CblasColMajor, CblasUpper, transpose ? CblasTrans : CblasNoTrans, blasint(n), blasint(k), alpha, a,
            blasint(lda), beta, c, blasint(ldc))
    }
}
