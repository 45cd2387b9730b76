/// Builds neighbouring grey level dependence matrices (IBSI-1 §3.12).
///
/// For every ROI voxel k with grey level i, the dependence j_k = 1 + the number of ROI voxels
/// within Chebyshev distance δ (in 2D: within the slice) whose grey level differs from i by at
/// most α; s_ij counts voxels with level i and dependence j. Every ROI voxel contributes, so
/// N_s = N_v (IBSI's definition does not require complete neighbourhoods).
enum NGLDMMatrix {
    /// One matrix for the volume, or one per occupied slice (`planar`), in increasing z.
    ///
    /// Row by row: for each offset, one branch-free pass over the row adds the neighbour test to
    /// every voxel's dependence (contiguous loads, so the loop vectorises); outside voxels read
    /// as NaN, which is never within α. The counts are integers, so the order is immaterial.
    static func build(_ volume: TextureVolume, radius: Int, coarseness: Int, planar: Bool) -> [CountMatrix] {
        let offsets = volume.chebyshevOffsets(radius: radius, planar: planar)
        let columns = offsets.count + 1
        let lookup = [Double.nan] + volume.greyValues
        let values = volume.levels.map { lookup[Int($0)] }
        let alpha = Double(coarseness)
        let nx = volume.nx
        var dependence = [Int](repeating: 0, count: nx)
        var out: [CountMatrix] = []
        for z in 0..<volume.nz {
            if planar || z == 0 { out.append(CountMatrix(rowValues: volume.greyValues, columns: columns)) }
            var m = out.removeLast()
            m.voxelCount += Double(volume.sliceVoxelCounts[z])
            volume.levels.withUnsafeBufferPointer { lv in
                values.withUnsafeBufferPointer { val in
                    dependence.withUnsafeMutableBufferPointer { dep in
                        m.counts.withUnsafeMutableBufferPointer { counts in
                            for y in 0..<volume.ny {
                                let start = volume.index(0, y, z)
                                for x in 0..<nx { dep[x] = 1 }
                                guard let centre = val.baseAddress.map({ $0 + start }) else { continue }
                                for o in offsets {
                                    let neighbour = centre + o
                                    for x in 0..<nx { dep[x] &+= abs(neighbour[x] - centre[x]) <= alpha ? 1 : 0 }
                                }
                                for x in 0..<nx {
                                    let a = Int(lv[start + x])
                                    if a > 0 { counts[(a - 1) * columns + dep[x] - 1] += 1 }
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
