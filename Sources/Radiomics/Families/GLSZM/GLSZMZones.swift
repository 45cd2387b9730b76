/// Zones of linked voxels with equal grey level (IBSI-1 §3.9), shared by the GLSZM and the GLDZM.
///
/// Zones are labelled with an iterative flood fill (an explicit stack, no recursion) over the
/// 26-neighbourhood in 3D or the in-plane 8-neighbourhood in 2D. In 2D the fill never leaves its
/// slice, so one scan labels every slice; zones come out in scan order (increasing z), which
/// makes the per-slice split a simple partition.
struct ZoneList: Sendable {
    /// Compact grey index (1...P) of each zone.
    var rows: [Int32] = []
    /// Number of voxels of each zone.
    var sizes: [Int32] = []
    /// Smallest distance-to-edge of the zone's voxels (GLDZM; 0 when no distance map was given).
    var distances: [Int32] = []
    /// N_v: the ROI voxels the zones were taken from.
    var voxelCount: Double = 0

    /// The IBSI merge: zones and N_v of all lists together (2.5D).
    static func merged(_ lists: [ZoneList]) -> ZoneList? {
        guard !lists.isEmpty else { return nil }
        var out = ZoneList()
        for l in lists {
            out.rows += l.rows
            out.sizes += l.sizes
            out.distances += l.distances
            out.voxelCount += l.voxelCount
        }
        return out
    }
}

enum GLSZMZones {
    /// Zones of the whole ROI (`planar` false, 26-connected) or of each slice (`planar` true,
    /// 8-connected), each with its minimum of `distanceMap` when one is given.
    ///
    /// - Returns: one list for the volume, or one list per occupied slice in increasing z.
    static func label(_ volume: TextureVolume, planar: Bool, distanceMap: [Int32]?) -> [ZoneList] {
        let offsets = volume.chebyshevOffsets(radius: 1, planar: planar)
        let equal = equalNeighbours(volume, offsets: offsets)
        var visited = [Bool](repeating: false, count: volume.levels.count)
        // Each voxel is pushed at most once, so a stack of N_v entries never overflows.
        var stack = [Int](repeating: 0, count: max(volume.voxelCount, 1))
        let distances = distanceMap ?? []
        var lists: [ZoneList] = []
        equal.withUnsafeBufferPointer { eq in
            offsets.withUnsafeBufferPointer { off in
                visited.withUnsafeMutableBufferPointer { seen in
                    stack.withUnsafeMutableBufferPointer { st in
                        distances.withUnsafeBufferPointer { dist in
                            volume.levels.withUnsafeBufferPointer { lv in
                                let flood = Flood(equal: eq, offsets: off, seen: seen, stack: st, distances: dist)
                                for z in 0..<volume.nz {
                                    if planar || z == 0 { lists.append(ZoneList()) }
                                    var list = lists.removeLast()
                                    list.voxelCount += Double(volume.sliceVoxelCounts[z])
                                    for y in 0..<volume.ny {
                                        let rowStart = volume.index(0, y, z)
                                        for k in rowStart..<(rowStart + volume.nx) where lv[k] > 0 && !seen[k] {
                                            let zone = flood.zone(from: k)
                                            list.rows.append(lv[k])
                                            list.sizes.append(zone.size)
                                            list.distances.append(zone.distance)
                                        }
                                    }
                                    lists.append(list)
                                }
                            }
                        }
                    }
                }
            }
        }
        return planar ? lists.filter { $0.voxelCount > 0 } : lists
    }

    /// Per voxel of the cropped box, bit b set when the neighbour at `offsets[b]` has the same
    /// level. Outside voxels get bits too (level 0 = level 0), harmlessly: a fill starts inside
    /// and only follows bits of inside voxels, which never point outside. One branch-free pass
    /// per offset over each row, so the flood fill only visits neighbours that join the zone.
    static func equalNeighbours(_ volume: TextureVolume, offsets: [Int]) -> [UInt32] {
        var equal = [UInt32](repeating: 0, count: volume.levels.count)
        let nx = volume.nx
        volume.levels.withUnsafeBufferPointer { lv in
            equal.withUnsafeMutableBufferPointer { eq in
                for z in 0..<volume.nz {
                    for y in 0..<volume.ny {
                        let start = volume.index(0, y, z)
                        for (bit, o) in offsets.enumerated() {
                            let flag = UInt32(1) << UInt32(bit)
                            for x in start..<(start + nx) {
                                eq[x] |= lv[x &+ o] == lv[x] ? flag : 0
                            }
                        }
                    }
                }
            }
        }
        return equal
    }

}

/// The flood fill of one labelling, on buffers that live for the whole `label` call (so a zone,
/// most often a single voxel, costs no set-up).
private struct Flood {
    let equal: UnsafeBufferPointer<UInt32>
    let offsets: UnsafeBufferPointer<Int>
    let seen: UnsafeMutableBufferPointer<Bool>
    /// Each voxel is pushed at most once, so N_v entries never overflow.
    let stack: UnsafeMutableBufferPointer<Int>
    /// Distance map, empty when there is none.
    let distances: UnsafeBufferPointer<Int32>

    /// Fills the zone containing `seed` along the equal-level neighbour bits (explicit stack, in
    /// offset order); returns its size and minimum distance (0 without a distance map).
    func zone(from seed: Int) -> (size: Int32, distance: Int32) {
        let useDistance = !distances.isEmpty
        seen[seed] = true
        var size: Int32 = 1
        var minimum = useDistance ? distances[seed] : 0
        var bits = equal[seed]
        guard bits != 0 else { return (size, minimum) }
        var top = 0
        var u = seed
        while true {
            while bits != 0 {
                let w = u &+ offsets[bits.trailingZeroBitCount]
                bits &= bits &- 1
                if !seen[w] {
                    seen[w] = true
                    stack[top] = w
                    top += 1
                }
            }
            guard top > 0 else { return (size, minimum) }
            top -= 1
            u = stack[top]
            size += 1
            if useDistance { minimum = min(minimum, distances[u]) }
            bits = equal[u]
        }
    }
}
