import Imaging
import RadVaultCore

/// A closed, consistently oriented triangle mesh of a binary mask (IBSI-1 §3.1, mesh-based
/// representation WRJH), drawn by marching cubes at isovalue 0.5 on the mask padded by one voxel.
///
/// Vertices sit at midpoints between a voxel centre inside and one outside the mask. Each vertex
/// is stored both as exact integer lattice coordinates (twice the voxel index, so midpoints are
/// integers) and in world millimetres (voxel index × spacing, image axes). Triangles are
/// oriented so that the right-hand normal points out of the mask.
struct SurfaceMesh: Sendable {
    /// Vertices in doubled voxel units relative to voxel (0, 0, 0) of the grid.
    var lattice: [SIMD3<Int32>]
    /// Vertices in mm: lattice / 2 × spacing.
    var vertices: [SIMD3<Double>]
    /// Triangles as vertex indices, outward orientation.
    var triangles: [SIMD3<Int32>]

    /// Meshes the mask. Throws when the mask is empty.
    static func build(mask: Mask) throws -> SurfaceMesh {
        guard let box = BoundingBox(mask: mask) else {
            throw RadVaultError.invalidInput(
                "morphology: the morphological mask is empty; expected at least one voxel inside the ROI")
        }
        var builder = MeshBuilder(mask: mask, box: box)
        builder.run()
        return builder.mesh
    }

    /// Mesh volume |Σ a·(b×c)| / 6 (IBSI RNU0), relative to the first vertex for precision.
    var volume: Double {
        guard let o = vertices.first else { return 0 }
        var sum = 0.0
        for t in triangles {
            let a = vertices[Int(t.x)] - o
            let b = vertices[Int(t.y)] - o
            let c = vertices[Int(t.z)] - o
            sum += (a * SurfaceMesh.cross(b, c)).sum()
        }
        return abs(sum) / 6
    }

    /// Mesh surface area Σ |ab × ac| / 2 (IBSI C0JK).
    var area: Double {
        var sum = 0.0
        for t in triangles {
            let a = vertices[Int(t.x)]
            let n = SurfaceMesh.cross(vertices[Int(t.y)] - a, vertices[Int(t.z)] - a)
            sum += (n * n).sum().squareRoot()
        }
        return sum / 2
    }

    @inline(__always) static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}

/// The inclusive index bounds of the voxels inside a mask.
struct BoundingBox: Sendable {
    var lower: SIMD3<Int>
    var upper: SIMD3<Int>

    /// Nil when the mask is empty.
    init?(mask: Mask) {
        guard let box = mask.boundingBox else { return nil }
        lower = box.lower
        upper = box.upper
    }

    var size: SIMD3<Int> { upper &- lower &+ 1 }
}

/// Marching cubes over the padded crop of a mask (one pass over the cubes, vertices shared
/// through an edge-indexed lookup array, no per-cube allocation).
private struct MeshBuilder {
    let spacing: SIMD3<Double>
    /// Padded crop dimensions and the grid index of padded voxel (0, 0, 0).
    let dims: SIMD3<Int>
    let offset: SIMD3<Int>
    var inside: [UInt8]
    var vertexOfEdge: [Int32]
    var mesh = SurfaceMesh(lattice: [], vertices: [], triangles: [])

    init(mask: Mask, box: BoundingBox) {
        spacing = mask.grid.spacing
        dims = box.size &+ 2
        offset = box.lower &- 1
        inside = [UInt8](repeating: 0, count: dims.x * dims.y * dims.z)
        let g = mask.grid
        for z in box.lower.z...box.upper.z {
            for y in box.lower.y...box.upper.y {
                let src = g.index(0, y, z)
                let dst = dims.x * ((y - offset.y) + dims.y * (z - offset.z)) - offset.x
                for x in box.lower.x...box.upper.x where mask.voxels[src + x] { inside[dst + x] = 1 }
            }
        }
        vertexOfEdge = [Int32](repeating: -1, count: 3 * inside.count)
    }

    mutating func run() {
        let table = MarchingCubesTable.shared.triangles
        let sx = 1
        let sy = dims.x
        let sz = dims.x * dims.y
        let cornerOffsets = (0..<8).map { c in (c & 1) * sx + ((c >> 1) & 1) * sy + ((c >> 2) & 1) * sz }
        let edgeKeys = MarchingCubesTable.edges.map { 3 * cornerOffsets[$0.corner] + $0.axis }
        for z in 0..<(dims.z - 1) {
            for y in 0..<(dims.y - 1) {
                for x in 0..<(dims.x - 1) {
                    let base = x + sy * y + sz * z
                    var config = 0
                    for c in 0..<8 where inside[base + cornerOffsets[c]] != 0 { config |= 1 << c }
                    if config == 0 || config == 255 { continue }
                    for t in table[config] {
                        let a = vertex(3 * base + edgeKeys[Int(t.x)])
                        let b = vertex(3 * base + edgeKeys[Int(t.y)])
                        let c = vertex(3 * base + edgeKeys[Int(t.z)])
                        mesh.triangles.append(SIMD3(a, b, c))
                    }
                }
            }
        }
    }

    /// The vertex on the edge with key 3·(padded index of its lower end) + axis, created once.
    mutating func vertex(_ key: Int) -> Int32 {
        let existing = vertexOfEdge[key]
        if existing >= 0 { return existing }
        let axis = key % 3
        let p = key / 3
        var q = SIMD3(p % dims.x, (p / dims.x) % dims.y, p / (dims.x * dims.y)) &+ offset
        q = q &* 2
        q[axis] += 1
        let id = Int32(mesh.vertices.count)
        mesh.lattice.append(SIMD3<Int32>(truncatingIfNeeded: q))
        mesh.vertices.append(SIMD3<Double>(q) * 0.5 * spacing)
        vertexOfEdge[key] = id
        return id
    }
}
