import Foundation
import RadVaultCore

/// Level-3 BLAS products (OpenBLAS `cblas_dgemm`, `cblas_dsyrk`, opened on first use, see
/// `OpenBLASLibrary`) on column-major matrices.
///
/// Results never depend on the thread count: OpenBLAS runs single-threaded, and large products
/// are cut into fixed blocks of `blockColumns` output columns that `BLASInfo.workers` workers
/// compute (block b goes to worker b mod workers). The blocking is the same for every worker
/// count, so the bits are too.
public enum BLAS {
    /// Output columns per block of the blocked products (fixed: changing it changes last bits).
    public static let blockColumns = 256

    /// OpenBLAS's own threading is switched off once, before the first product (its idle
    /// pool stopped too, see `BLASInfo.stopLibraryThreadPool`).
    static let singleThreaded: Bool = {
        BLASInfo.stopLibraryThreadPool()
        return true
    }()

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
    ///
    /// Computed block by block over the columns of C (see the type's documentation).
    public static func gemm(
        m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>?, lda: Int, transposeA: Bool,
        b: UnsafePointer<Double>?, ldb: Int, transposeB: Bool, beta: Double, c: UnsafeMutablePointer<Double>?, ldc: Int
    ) {
        guard m > 0, n > 0, let c else { return }
        let bStep = transposeB ? 1 : ldb
        // Workers write disjoint column blocks of C and only read A and B.
        nonisolated(unsafe) let (pa, pb, pc) = (a, b, c)
        let dgemm = OpenBLASLibrary.shared.dgemm
        let (noTrans, trans) = (OpenBLASLibrary.noTrans, OpenBLASLibrary.trans)
        forEachBlock(columns: n) { j0, width in
            dgemm(
                OpenBLASLibrary.colMajor, transposeA ? trans : noTrans, transposeB ? trans : noTrans,
                Int32(m), Int32(width), Int32(k), alpha, pa, Int32(lda), pb.map { $0 + j0 * bStep },
                Int32(ldb), beta, pc + j0 * ldc, Int32(ldc))
        }
    }

    /// Runs `body(firstColumn, width)` for every fixed block of `columns` output columns on
    /// `BLASInfo.workers` workers.
    static func forEachBlock(columns: Int, _ body: @Sendable (Int, Int) -> Void) {
        _ = singleThreaded
        let blocks = (columns + blockColumns - 1) / blockColumns
        _ = OrderedParallel.map(count: blocks, workers: BLASInfo.workers) { block in
            body(block * blockColumns, min(blockColumns, columns - block * blockColumns))
        }
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
    ///
    /// Computed by fixed column blocks J: the rectangle above the diagonal block by GEMM, the
    /// diagonal block by SYRK (see the type's documentation).
    public static func syrkUpper(
        n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>?, lda: Int, transpose: Bool, beta: Double,
        c: UnsafeMutablePointer<Double>?, ldc: Int
    ) {
        guard n > 0, let c else { return }
        // Row i of op(A) starts at a + i·step: a column of A when transposed, a row otherwise.
        let step = transpose ? lda : 1
        // Workers write disjoint column blocks of C and only read A.
        nonisolated(unsafe) let (pa, pc) = (a, c)
        let library = OpenBLASLibrary.shared
        let (noTrans, trans) = (OpenBLASLibrary.noTrans, OpenBLASLibrary.trans)
        forEachBlock(columns: n) { j0, width in
            let block = pa.map { $0 + j0 * step }
            if j0 > 0 {
                // C[0..<j0, J] = alpha · op(A)[0..<j0, :] · op(A)[J, :]ᵀ + beta · C
                library.dgemm(
                    OpenBLASLibrary.colMajor, transpose ? trans : noTrans, transpose ? noTrans : trans,
                    Int32(j0), Int32(width), Int32(k), alpha, pa, Int32(lda), block, Int32(lda), beta,
                    pc + j0 * ldc, Int32(ldc))
            }
            library.dsyrk(
                OpenBLASLibrary.colMajor, OpenBLASLibrary.upper, transpose ? trans : noTrans, Int32(width),
                Int32(k), alpha, block, Int32(lda), beta, pc + j0 + j0 * ldc, Int32(ldc))
        }
    }
}
