import Foundation
import RadVaultCore
import Testing

@testable import LinearAlgebra

/// OpenBLAS opened on first use, single-threaded, its own pool stopped: same results, same state.
@Suite struct OpenBLASLibraryTests {
    /// Every kernel RadVault calls, on a seeded matrix, as exact bits.
    static func results() throws -> [[Double]] {
        var generator = SeededGenerator(seed: 20_260_101)
        var m = Matrix(rows: 40, columns: 300)
        for k in m.storage.indices { m.storage[k] = generator.nextGaussian() }
        let square = BLAS.gemm(m, m, transposeB: true)
        return [
            BLAS.gemm(m, transposeA: true, m).storage, BLAS.syrk(m, transpose: true).storage, square.storage,
            try SymmetricEigen(square).values, try SVD(m).singularValues,
        ]
    }

    @Test func stoppingThePoolAgainChangesNoBitAndNoState() throws {
        let before = try Self.results()
        let info = BLASInfo.current()
        BLASInfo.stopLibraryThreadPool()
        BLASInfo.stopLibraryThreadPool()
        // `setThreads` must not restart the pool (OpenBLAS restarts it on `openblas_set_num_threads`).
        BLASInfo.setThreads(BLASInfo.workers)
        let after = try Self.results()
        #expect(after.map { $0.map(\.bitPattern) } == before.map { $0.map(\.bitPattern) })
        #expect(BLASInfo.current().coreType == info.coreType)
        #expect(BLASInfo.current().configuration == info.configuration)
    }

    @Test func theLibraryIsOpenedOnce() throws {
        let library = OpenBLASLibrary.shared
        #expect(text(library.corename) == text(OpenBLASLibrary.shared.corename))
        #expect(text(library.config).hasPrefix("OpenBLAS"))
        #expect(BLASInfo.current().library == "OpenBLAS")
    }

    private func text(_ function: OpenBLASLibrary.Text) -> String { function().map { String(cString: $0) } ?? "" }
}
