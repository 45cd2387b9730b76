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
        for z in 0..<volume.nz {
            if planar || z == 0 { out.append(CountMatrix(rowValues: volume.greyValues, columns: columns)) }
            var m = out.removeLast()
            m.voxelCount += Double(volume.sliceVoxelCounts[z])
            volume.levels.withUnsafeBufferPointer { lv in
                offsets.withUnsafeBufferPointer { off in
                    value.withUnsafeBufferPointer { val in
                        m.counts.withUnsafeMutableBufferPointer { counts in
                            for y in 0..<volume.ny {
                                let start = volume.index(0, y, z)
                                for k in start..<(start + volume.nx) {
                                    let a = Int(lv[k])
                                    if a == 0 { continue }
                                    let centre = val[a]
                                    var j = 1
                                    for o in off {
                                        let b = Int(lv[k + o])
                                        if b > 0 && abs(val[b] - centre) <= alpha { j += 1 }
                                    }
                                    counts[(a - 1) * columns + j - 1] += 1
                                }
                            }
                        }
                    }
                }
            }
            out.append(m)
        }
        return planar ? out.filter { $0.voxelCount > 0 } : out
    }
}
