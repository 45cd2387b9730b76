/// The neighbourhood grey tone difference matrix (IBSI-1 §3.11): per grey level i, the number
/// n_i of voxels with a valid neighbourhood and the sum s_i of |i − X̄_k| over them.
///
/// X̄_k is the mean grey level of the ROI voxels within Chebyshev distance δ of voxel k (itself
/// excluded; in 2D, within its slice). IBSI's definition does not require a complete
/// neighbourhood: a neighbourhood is valid when it holds at least one ROI voxel (W_k > 0).
struct NGTDMMatrix: Sendable {
    /// Grey level value of each row.
    var greyValues: [Double]
    /// n_i: voxels with grey level i and a valid neighbourhood.
    var counts: [Double]
    /// s_i: Σ |i − X̄_k| over those voxels.
    var differences: [Double]

    init(greyValues: [Double]) {
        self.greyValues = greyValues
        counts = [Double](repeating: 0, count: greyValues.count)
        differences = counts
    }

    /// The IBSI merge (2.5D): n_i and s_i summed.
    static func merged(_ matrices: [NGTDMMatrix]) -> NGTDMMatrix? {
        guard var out = matrices.first else { return nil }
        for m in matrices.dropFirst() {
            for i in out.counts.indices {
                out.counts[i] += m.counts[i]
                out.differences[i] += m.differences[i]
            }
        }
        return out
    }

    /// One matrix for the volume, or one per occupied slice (`planar`), in increasing z.
    static func build(_ volume: TextureVolume, radius: Int, planar: Bool) -> [NGTDMMatrix] {
        let offsets = volume.chebyshevOffsets(radius: radius, planar: planar)
        let value = [0.0] + volume.greyValues
        var out: [NGTDMMatrix] = []
        for z in 0..<volume.nz {
            if planar || z == 0 { out.append(NGTDMMatrix(greyValues: volume.greyValues)) }
            var m = out.removeLast()
            volume.levels.withUnsafeBufferPointer { lv in
                offsets.withUnsafeBufferPointer { off in
                    value.withUnsafeBufferPointer { val in
                        for y in 0..<volume.ny {
                            let start = volume.index(0, y, z)
                            for k in start..<(start + volume.nx) {
                                let a = Int(lv[k])
                                if a == 0 { continue }
                                var sum = 0.0
                                var w = 0
                                for o in off {
                                    let b = Int(lv[k + o])
                                    if b > 0 {
                                        sum += val[b]
                                        w += 1
                                    }
                                }
                                if w == 0 { continue }
                                m.counts[a - 1] += 1
                                m.differences[a - 1] += abs(val[a] - sum / Double(w))
                            }
                        }
                    }
                }
            }
            out.append(m)
        }
        if planar { return zip(out, volume.sliceVoxelCounts).filter { $0.1 > 0 }.map(\.0) }
        return out
    }
}
