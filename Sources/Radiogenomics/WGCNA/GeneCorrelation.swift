import LinearAlgebra

/// Gene × gene correlation matrices as WGCNA's `cor(x, use = "p")` computes them.
enum GeneCorrelation {
    /// Full symmetric Pearson correlation of the columns of `x` (samples × genes), diagonal 1.
    ///
    /// Complete columns: SYRK of the standardised matrix (`cblas_dsyrk`, upper triangle,
    /// mirrored). A pair involving a column with missing values: Pearson over the samples where
    /// both are present (pairwise-complete, R's `use = "p"`). Constant columns give NaN.
    static func correlationMatrix(_ x: Matrix) -> Matrix {
        let z = Standardised(x)
        let n = x.columns
        var c = BLAS.syrk(z.z, transpose: true)
        let incomplete = (0..<n).filter { z.hasMissing[$0] }
        if !incomplete.isEmpty {
            let columns = (0..<n).map { x.column($0) }
            for j in incomplete {
                for i in 0..<n where i != j {
                    let (r, _) = CorrelationKernel.pairwise(columns[i], columns[j], method: .pearson)
                    c[i, j] = r
                    c[j, i] = r
                }
            }
        }
        for j in 0..<n where z.constant[j] {
            for i in 0..<n {
                c[i, j] = .nan
                c[j, i] = .nan
            }
        }
        for j in 0..<n { c[j, j] = 1 }
        return c
    }

    /// Correlations between the columns of `a` and `b` (same rows), pairwise-complete.
    static func crossCorrelation(_ a: Matrix, _ b: Matrix) -> Matrix {
        let za = Standardised(a)
        let zb = Standardised(b)
        var c = BLAS.gemm(za.z, transposeA: true, zb.z)
        for j in 0..<b.columns {
            for i in 0..<a.columns {
                if za.hasMissing[i] || zb.hasMissing[j] {
                    c[i, j] = CorrelationKernel.pairwise(a.column(i), b.column(j), method: .pearson).0
                } else if za.constant[i] || zb.constant[j] {
                    c[i, j] = .nan
                }
            }
        }
        return c
    }
}
