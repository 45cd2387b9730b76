import Foundation
import Testing

@testable import LinearAlgebra

@Suite struct LinearAlgebraTests {
    let a = try! Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])  // 2×3

    @Test func storageIsColumnMajor() {
        #expect(a.storage == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.transposed().storage == [1, 2, 3, 4, 5, 6])
    }

    @Test func gemmMatchesHandComputedProduct() {
        let c = BLAS.gemm(a, a, transposeB: true)  // 2×2 = A Aᵀ
        #expect(c.storage == [14, 32, 32, 77])
        let d = BLAS.gemm(a, transposeA: true, a)  // 3×3 = Aᵀ A
        #expect(d[0, 0] == 17 && d[1, 2] == 36 && d[2, 1] == 36)
    }

    @Test func syrkFillsBothTriangles() {
        let g = BLAS.syrk(a, transpose: true)
        #expect(g == BLAS.gemm(a, transposeA: true, a))
    }

    @Test func syrkMirrorsAcrossTiles() {
        // 150 columns span three 64-wide tiles of the mirror; integer entries keep every
        // product exact, so the result equals the GEMM bit for bit.
        var m = Matrix(rows: 5, columns: 150)
        for k in m.storage.indices { m.storage[k] = Double((k * 37) % 11) - 5 }
        let g = BLAS.syrk(m, transpose: true)
        #expect(g == BLAS.gemm(m, transposeA: true, m))
        #expect((0..<150).allSatisfy { j in (0..<150).allSatisfy { g[$0, j] == g[j, $0] } })
    }

    @Test func symmetricEigenReconstructs() throws {
        let m = try Matrix(rowArrays: [[4, 1, 2], [1, 3, 0], [2, 0, 5]])
        let e = try SymmetricEigen(m)
        #expect(e.values == e.values.sorted())
        var worst = 0.0
        for i in 0..<3 {
            for j in 0..<3 {
                var s = 0.0
                for k in 0..<3 { s += e.vectors[i, k] * e.values[k] * e.vectors[j, k] }
                worst = max(worst, abs(s - m[i, j]))
            }
        }
        #expect(worst < 1e-12)
        #expect(abs(e.values.reduce(0, +) - 12) < 1e-12)
    }

    @Test func svdReconstructs() throws {
        let s = try SVD(a)
        #expect(s.singularValues.count == 2)
        #expect(s.singularValues[0] >= s.singularValues[1])
        var worst = 0.0
        for i in 0..<2 {
            for j in 0..<3 {
                var v = 0.0
                for k in 0..<2 { v += s.u[i, k] * s.singularValues[k] * s.vt[k, j] }
                worst = max(worst, abs(v - a[i, j]))
            }
        }
        #expect(worst < 1e-12)
    }

    @Test func badShapeIsAnError() {
        #expect(throws: Error.self) { try Matrix(rows: 2, columns: 2, columnMajor: [1, 2, 3]) }
        #expect(throws: Error.self) { try SymmetricEigen(a) }
    }

    @Test func productsAreBitIdenticalForEveryWorkerCount() {
        // 700 output columns span three 256-column blocks; irrational-ish entries make the
        // last bits depend on the summation order, which the fixed blocking pins.
        var x = Matrix(rows: 90, columns: 700)
        for k in x.storage.indices { x.storage[k] = sin(Double(k) * 0.37) * 3 + cos(Double(k % 97)) }
        var y = Matrix(rows: 90, columns: 530)
        for k in y.storage.indices { y.storage[k] = cos(Double(k) * 0.11) - sin(Double(k % 13)) }
        let runs = [1, 2, 3, 8].map { workers -> (Matrix, Matrix, Matrix) in
            BLASInfo.setThreads(workers)
            return (
                BLAS.gemm(x, transposeA: true, y), BLAS.syrk(x, transpose: true),
                BLAS.syrk(y.transposed(), transpose: false)
            )
        }
        BLASInfo.setThreads(1)
        for r in runs.dropFirst() {
            #expect(r.0.storage == runs[0].0.storage)
            #expect(r.1.storage == runs[0].1.storage)
            #expect(r.2.storage == runs[0].2.storage)
        }
        // The blocked SYRK agrees with a plain triple loop.
        let g = runs[0].1
        var worst = 0.0
        for i in stride(from: 0, to: 700, by: 37) {
            for j in stride(from: 0, to: 700, by: 41) {
                var sum = 0.0
                for k in 0..<90 { sum += x[k, i] * x[k, j] }
                worst = max(worst, abs(sum - g[i, j]) / max(1, abs(sum)))
            }
        }
        #expect(worst < 1e-12)
    }

    @Test func blasInfoReportsThreadCount() {
        BLASInfo.setThreads(1)
        let info = BLASInfo.current()
        #expect(info.library == "OpenBLAS")
        #expect(info.threads == 1)
        #expect(!info.coreType.isEmpty)
    }
}
