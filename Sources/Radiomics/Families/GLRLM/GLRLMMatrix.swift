/// Builds grey level run length matrices (IBSI-1 §3.7).
///
/// One pass per direction: a voxel starts a run when the voxel before it (at k − m) does not have
/// the same grey level; the run is then followed along m until the level changes. Every ROI voxel
/// is visited once as a candidate start and once inside its run, so a direction costs O(N). The
/// zero padding of `TextureVolume` ends every run without bounds checks.
enum GLRLMMatrix {
    /// The GLRLM of `direction` over the given cropped slices; columns are run lengths
    /// 1...max(extent), N_v is the number of ROI voxels in those slices.
    static func build(_ volume: TextureVolume, direction d: (Int, Int, Int), slices: ClosedRange<Int>) -> CountMatrix {
        let maxRun = max(volume.nx, volume.ny, volume.nz)
        var m = CountMatrix(rowValues: volume.greyValues, columns: maxRun)
        let step = volume.offset(d.0, d.1, d.2)
        volume.levels.withUnsafeBufferPointer { lv in
            m.counts.withUnsafeMutableBufferPointer { c in
                for z in slices {
                    for y in 0..<volume.ny {
                        var k = volume.index(0, y, z)
                        for _ in 0..<volume.nx {
                            let a = lv[k]
                            if a > 0 && lv[k - step] != a {
                                var length = 1
                                var w = k + step
                                while lv[w] == a {
                                    length += 1
                                    w += step
                                }
                                c[(Int(a) - 1) * maxRun + length - 1] += 1
                            }
                            k += 1
                        }
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
