/// Builds grey level co-occurrence matrices (IBSI-1 §3.6).
///
/// One pass over the cropped ROI per direction: for every ROI voxel with grey level i whose
/// neighbour at `k + m` is also in the ROI with level j, C[i, j] += 1. The symmetric GLCM is then
/// M_m = C + Cᵀ, which counts both m₊ = m and m₋ = −m as IBSI defines.
enum GLCMMatrix {
    /// The symmetric GLCM of `direction` (already scaled by δ) over the given cropped slices.
    ///
    /// N_v of the result is the number of ROI voxels in those slices.
    static func build(_ volume: TextureVolume, direction d: (Int, Int, Int), slices: ClosedRange<Int>) -> CountMatrix {
        let n = volume.greyValues.count
        var m = CountMatrix(rowValues: volume.greyValues, columnValues: volume.greyValues)
        let step = volume.offset(d.0, d.1, d.2)
        volume.levels.withUnsafeBufferPointer { lv in
            m.counts.withUnsafeMutableBufferPointer { c in
                for z in slices {
                    for y in 0..<volume.ny {
                        var k = volume.index(0, y, z)
                        for _ in 0..<volume.nx {
                            let a = Int(lv[k])
                            if a > 0 {
                                let b = Int(lv[k + step])
                                if b > 0 { c[(a - 1) * n + b - 1] += 1 }
                            }
                            k += 1
                        }
                    }
                }
                for a in 0..<n {
                    for b in a..<n {
                        let s = c[a * n + b] + c[b * n + a]
                        c[a * n + b] = s
                        c[b * n + a] = s
                    }
                }
            }
        }
        var voxels = 0
        for z in slices { voxels += volume.sliceVoxelCounts[z] }
        m.voxelCount = Double(voxels)
        return m
    }
}
