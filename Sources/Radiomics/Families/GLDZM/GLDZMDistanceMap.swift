import RadVaultCore

/// The distance-to-edge map of the GLDZM (IBSI-1 §3.10).
///
/// IBSI defines the distance of a voxel by repeated erosion of the morphological ROI mask with a
/// 6-connected (3D) or 4-connected (2D) structure element: voxels on the edge get 1, and every
/// erosion a voxel survives adds 1. That equals the Manhattan (or, with the 26/8-connected element,
/// Chebyshev) grid distance to the nearest voxel outside the mask, which a breadth-first search
/// seeded at the edge voxels computes in one O(N) pass. Voxels outside the image count as outside
/// the mask (the crop is padded with non-ROI voxels). In 2D the search never leaves the slice.
enum GLDZMDistanceMap {
    /// Distances (≥ 1 inside `mask`, 0 outside) on the padded layout of `volume`.
    static func compute(_ volume: TextureVolume, mask: [Bool], planar: Bool, norm: TextureDistanceNorm) -> [Int32] {
        let offsets = neighbourOffsets(volume, planar: planar, norm: norm)
        var distance = [Int32](repeating: 0, count: mask.count)
        var queue: [Int] = []
        queue.reserveCapacity(mask.count)
        for z in 0..<volume.nz {
            for y in 0..<volume.ny {
                let start = volume.index(0, y, z)
                for k in start..<(start + volume.nx) where mask[k] {
                    if offsets.contains(where: { !mask[k + $0] }) {
                        distance[k] = 1
                        queue.append(k)
                    } else {
                        distance[k] = Int32.max
                    }
                }
            }
        }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            let next = distance[u] + 1
            for o in offsets {
                let w = u + o
                if mask[w] && distance[w] > next {
                    distance[w] = next
                    queue.append(w)
                }
            }
        }
        return distance
    }

    /// The structure element: face neighbours (Manhattan) or all neighbours (Chebyshev).
    static func neighbourOffsets(_ volume: TextureVolume, planar: Bool, norm: TextureDistanceNorm) -> [Int] {
        switch norm {
        case .chebyshev:
            return volume.chebyshevOffsets(radius: 1, planar: planar)
        case .manhattan:
            var out = [
                volume.offset(-1, 0, 0), volume.offset(1, 0, 0), volume.offset(0, -1, 0), volume.offset(0, 1, 0),
            ]
            if !planar { out += [volume.offset(0, 0, -1), volume.offset(0, 0, 1)] }
            return out
        }
    }

    /// Checks that every intensity-mask voxel lies in the morphological mask (so its distance is ≥ 1).
    static func validate(mask: [Bool], volume: TextureVolume) throws {
        for k in volume.levels.indices where volume.levels[k] > 0 && !mask[k] {
            throw RadVaultError.invalidInput(
                "gldzm: a voxel of the intensity mask lies outside the morphological mask; expected the intensity "
                    + "mask to be a subset of the morphological mask (IBSI-1 §2.1)")
        }
    }
}
