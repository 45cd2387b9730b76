/// Builds neighbouring grey level dependence matrices (IBSI-1 §3.12).
///
/// For every ROI voxel k with grey level i, the dependence j_k = 1 + the number of ROI voxels
/// within Chebyshev distance δ (in 2D: within the slice) whose grey level differs from i by at
/// most α; s_ij counts voxels with level i and dependence j. Every ROI voxel contributes, so
/// N_s = N_v (IBSI's definition does not require complete neighbourhoods).
enum NGLDMMatrix {
    /// One matrix for the volume, or one per occupied slice (`planar`), in increasing z.
    static func build(_ volume: TextureVolume, radius: Int, coarseness: Int, planar: Bool) -> [CountMatrix] {
        let offsets = volume.chebyshevOffsets(radius: radius, planar: planar)
        let columns = offsets.count + 1
        let value = [0.0] + volume.greyValues
        let alpha = Double(coarseness)
        var out: [CountMatrix] = []
        volume.levels.withUnsafeBufferPointer { lv in
            for z in 0..<volume.nz {
                if planar || z == 0 { out.append(CountMatrix(rowValues: volume.greyValues, columns: columns)) }
                let last = out.count - 1
                out[last].voxelCount += Double(volume.sliceVoxelCounts[z])
                for y in 0..<volume.ny {
                    let start = volume.index(0, y, z)
                    for k in start..<(start + volume.nx) {
                        let a = Int(lv[k])
                        if a == 0 { continue }
                        var j = 1
                        for o in offsets {
                            let b = Int(lv[k + o])
                            if b > 0 && abs(value[b] - value[a]) <= alpha { j += 1 }
                        }
                        out[last].counts[(a - 1) * columns + j - 1] += 1
                    }
                }
            }
        }
        return planar ? out.filter { $0.voxelCount > 0 } : out
    }
}
