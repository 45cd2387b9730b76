/// Triangulation table of marching cubes for a binary mask at isovalue 0.5, generated procedurally.
///
/// Why procedural: with a 0/1 mask every mesh vertex is the midpoint of a cube edge whose two
/// corners differ (IBSI-1 §3.1, "Mesh-based representation": the mesh is drawn half-way between
/// voxel centres). The surface inside a cube is then found by tracing, on each of the six cube
/// faces, the segments that separate inside from outside corners, and chaining them into closed
/// loops (the face-tracing view of marching cubes, Lorensen & Cline 1987; Lewiner et al. 2003).
///
/// Watertightness: the segments on a face depend only on that face's four corners, so the two
/// cubes sharing a face draw the same segments; they draw them in opposite directions (their
/// outward face normals are opposite), which makes every mesh edge appear once in each
/// direction — a closed, consistently oriented mesh.
///
/// Loops with more than three vertices are triangulated with the maximum-area triangulation in
/// voxel units, a canonical choice independent of the starting vertex. It reproduces the
/// Lewiner tables used by scikit-image (and so by the IBSI reference implementations) exactly for
/// every corner configuration without an ambiguous face (checked configuration by configuration,
/// volume and area, during development). Ambiguous faces (two diagonal inside corners, a 0.5
/// tie of the asymptotic decider) are resolved by joining the inside corners; there Lewiner's
/// tie-breaking differs and a mesh may differ by a fraction of a voxel per ambiguous cube.
struct MarchingCubesTable: Sendable {
    /// Corner c of the unit cube is (c & 1, (c >> 1) & 1, (c >> 2) & 1).
    static func corner(_ c: Int) -> SIMD3<Int> { SIMD3(c & 1, (c >> 1) & 1, (c >> 2) & 1) }

    /// The twelve cube edges as (lower corner, axis); the upper corner is lower + unit(axis).
    static let edges: [(corner: Int, axis: Int)] = {
        var result: [(corner: Int, axis: Int)] = []
        for axis in 0..<3 {
            let bit = 1 << axis
            for c in 0..<8 where c & bit == 0 { result.append((c, axis)) }
        }
        return result
    }()

    /// For each of the 256 corner configurations (bit c set = corner c inside), the triangles as
    /// triples of cube-edge indices, oriented so that the right-hand normal points outwards.
    let triangles: [[SIMD3<Int8>]]

    /// The shared table, built once.
    static let shared = MarchingCubesTable()

    private init() {
        var table: [[SIMD3<Int8>]] = []
        table.reserveCapacity(256)
        for config in 0..<256 {
            var tris: [SIMD3<Int8>] = []
            for loop in Self.loops(config: config) {
                tris.append(contentsOf: Self.triangulate(loop))
            }
            table.append(tris)
        }
        triangles = table
    }

    /// Twice the midpoint of cube edge e, in corner units (exact integers).
    static func doubledMidpoint(_ e: Int) -> SIMD3<Int> {
        let (c, axis) = edges[e]
        var p = corner(c) &* 2
        p[axis] += 1
        return p
    }

    /// Index of the edge joining corners a and b (which differ in one bit).
    static func edgeIndex(_ a: Int, _ b: Int) -> Int {
        let low = min(a, b)
        let axis = (a ^ b).trailingZeroBitCount
        return edges.firstIndex { $0.corner == low && $0.axis == axis } ?? -1
    }

    /// Directed face segments of one configuration, chained into closed loops of edge indices.
    static func loops(config: Int) -> [[Int]] {
        var next = [Int](repeating: -1, count: 12)
        for axis in 0..<3 {
            for side in 0..<2 {
                for (from, to) in faceSegments(config: config, axis: axis, side: side) { next[from] = to }
            }
        }
        var visited = [Bool](repeating: false, count: 12)
        var result: [[Int]] = []
        for start in 0..<12 where next[start] >= 0 && !visited[start] {
            var loop: [Int] = []
            var e = start
            while !visited[e] {
                visited[e] = true
                loop.append(e)
                e = next[e]
            }
            result.append(loop)
        }
        return result
    }

    /// The directed segments (edge → edge) that the surface draws on one face of the cube.
    static func faceSegments(config: Int, axis: Int, side: Int) -> [(Int, Int)] {
        let u = (axis + 1) % 3
        let v = (axis + 2) % 3
        // Face corners in cyclic order.
        let cyc = [(0, 0), (1, 0), (1, 1), (0, 1)].map { (a, b) in (side << axis) | (a << u) | (b << v) }
        let inside = cyc.map { config & (1 << $0) != 0 }
        // Crossing edges: face edge k joins cyc[k] and cyc[k+1].
        let crossing = (0..<4).filter { inside[$0] != inside[($0 + 1) % 4] }
        // Each segment with a face corner on a side of uniform state (the reference).
        var pairs: [(Int, Int, reference: Int)] = []
        if crossing.count == 2 {
            pairs = [(crossing[0], crossing[1], 0)]
        } else if crossing.count == 4 {
            // Corner k is cut off by face edges k-1 and k. Join the inside corners: cut off the
            // outside ones; the cut-off corner is the reference of its segment.
            for k in 0..<4 where !inside[k] { pairs.append(((k + 3) % 4, k, k)) }
        }
        var normal = SIMD3<Int>(0, 0, 0)
        normal[axis] = side == 1 ? 1 : -1
        return pairs.map { (ka, kb, r) in
            let ea = edgeIndex(cyc[ka], cyc[(ka + 1) % 4])
            let eb = edgeIndex(cyc[kb], cyc[(kb + 1) % 4])
            return orient(ea, eb, normal: normal, reference: cyc[r], referenceInside: inside[r])
        }
    }

    /// Orients a face segment so that (q - p) × n points to the inside corners of the face.
    static func orient(_ ea: Int, _ eb: Int, normal: SIMD3<Int>, reference: Int, referenceInside: Bool) -> (Int, Int) {
        let p = doubledMidpoint(ea)
        let q = doubledMidpoint(eb)
        let t = cross(q &- p, normal)
        let toReference = corner(reference) &* 4 &- (p &+ q)  // 4c - 2·(p+q)/2, doubled twice
        let dot = (t &* toReference).wrappedSum()
        let referenceOnLeft = dot > 0
        return referenceOnLeft == referenceInside ? (ea, eb) : (eb, ea)
    }

    static func cross(_ a: SIMD3<Int>, _ b: SIMD3<Int>) -> SIMD3<Int> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }

    /// Maximum-area triangulation of a closed loop (dynamic programming over polygon chords,
    /// O(k³) for k ≤ 12 vertices); ties keep the first split found, so the result is fixed.
    static func triangulate(_ loop: [Int]) -> [SIMD3<Int8>] {
        let k = loop.count
        guard k >= 3 else { return [] }
        let pts = loop.map { SIMD3<Double>(doubledMidpoint($0)) }
        func area(_ i: Int, _ j: Int, _ m: Int) -> Double {
            let a = pts[j] - pts[i]
            let b = pts[m] - pts[i]
            let c = SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
            return (c * c).sum().squareRoot()
        }
        var cost = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var split = [[Int]](repeating: [Int](repeating: -1, count: k), count: k)
        for gap in 2..<k {
            for i in 0..<(k - gap) {
                let j = i + gap
                var best = -Double.infinity
                for m in (i + 1)..<j {
                    let c = cost[i][m] + cost[m][j] + area(i, m, j)
                    if c > best + 1e-12 {
                        best = c
                        split[i][j] = m
                    }
                }
                cost[i][j] = best
            }
        }
        var result: [SIMD3<Int8>] = []
        var stack = [(0, k - 1)]
        while let (i, j) = stack.popLast() {
            guard j - i >= 2 else { continue }
            let m = split[i][j]
            result.append(SIMD3(Int8(loop[i]), Int8(loop[m]), Int8(loop[j])))
            stack.append((i, m))
            stack.append((m, j))
        }
        return result
    }
}
