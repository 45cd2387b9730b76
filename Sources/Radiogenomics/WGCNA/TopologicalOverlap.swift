import LinearAlgebra

/// Adjacency and unsigned topological overlap, as `WGCNA::adjacency` and
/// `WGCNA::TOMsimilarity(TOMType = "unsigned", TOMDenom = "min")`.
public enum TopologicalOverlap {
    /// Network type of the adjacency.
    public enum NetworkType: String, Sendable, Codable, Equatable {
        /// a = |cor|^β
        case unsigned
        /// a = ((1 + cor) / 2)^β
        case signed
    }

    /// Turns a correlation matrix into the adjacency in place; NaN correlations become 0
    /// adjacency (a constant or too-sparse gene is connected to nothing), diagonal 1.
    public static func adjacencyInPlace(_ c: inout Matrix, power: Int, type: NetworkType) {
        let n = c.columns
        c.storage.withUnsafeMutableBufferPointer { s in
            for k in s.indices {
                let r = s[k]
                if r.isNaN {
                    s[k] = 0
                    continue
                }
                let base = type == .unsigned ? abs(r) : (1 + r) / 2
                s[k] = SoftThreshold.rPower(base, power)
            }
            for j in 0..<n { s[j + j * n] = 1 }
        }
    }

    /// 1 − TOM as a condensed matrix; `adjacency` is consumed (replaced by an empty matrix)
    /// so the peak memory is one n×n matrix plus its condensed half.
    ///
    /// TOM_ij = (l_ij + a_ij) / (min(k_i, k_j) + 1 − a_ij), l = A·A with zero diagonal,
    /// k_i = Σ_u a_iu (Zhang & Horvath 2005; WGCNA's C `tomSimilarityFromAdj`). The product is
    /// computed by row blocks B with `cblas_dgemm` restricted to columns j ≥ min(B), so only
    /// the upper triangle is formed (n³ multiply-adds / 2), stored transposed so the TOM update
    /// reads and writes contiguously; connectivities are summed in Swift in index order.
    public static func dissimilarity(consuming adjacency: inout Matrix, blockSize: Int = 256) -> CondensedDistance {
        let n = adjacency.columns
        var out = CondensedDistance(count: n)
        guard n > 1 else {
            adjacency = Matrix(rows: 0, columns: 0)
            return out
        }
        for j in 0..<n { adjacency[j, j] = 0 }
        var k = Array(repeating: 0.0, count: n)
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += adjacency.storage[i + j * n] }
            k[j] = s
        }
        var block = Array(repeating: 0.0, count: blockSize * n)
        adjacency.storage.withUnsafeBufferPointer { a in
            out.values.withUnsafeMutableBufferPointer { dst in
                block.withUnsafeMutableBufferPointer { c in
                    guard let ab = a.baseAddress, let cb = c.baseAddress else { return }
                    var start = 0
                    while start < n {
                        let b = min(blockSize, n - start)
                        let cols = n - start
                        // Lᵀ for the block, cols × b (A symmetric: A[start..., :]·A[:, block]), so that
                        // row i of L, row i of A (= column i) and row i of the condensed output are
                        // all contiguous in j: the update below streams memory instead of striding.
                        BLAS.gemm(
                            m: cols, n: b, k: n, alpha: 1, a: ab + start, lda: n, transposeA: false,
                            b: ab + start * n, ldb: n, transposeB: false, beta: 0, c: cb, ldc: cols)
                        k.withUnsafeBufferPointer { kk in
                            for r in 0..<b {
                                let i = start + r
                                let ki = kk[i]
                                let o = n * i - i * (i + 1) / 2 - (i + 1)
                                let lrow = r * cols - start
                                let arow = i * n
                                for j in (i + 1)..<n {
                                    let aij = a[arow + j]
                                    dst[o + j] = 1 - (c[lrow + j] + aij) / (min(ki, kk[j]) + 1 - aij)
                                }
                            }
                        }
                        start += b
                    }
                }
            }
        }
        adjacency = Matrix(rows: 0, columns: 0)
        return out
    }
}
