import RadVaultCore

/// The convex hull of a 3-D integer point set by quickhull (Barber, Dobkin & Huhdanpaa 1996),
/// with exact integer predicates.
///
/// Why integers: mesh vertices lie on the half-voxel lattice, so doubled voxel coordinates are
/// integers and every orientation test `n · (p − a)` is exact in `Int64` (|coordinates| < 2²⁰
/// keeps products below 2⁶³). Exact predicates make the hull deterministic and immune to the
/// coplanar-point failures of floating-point quickhull. A point is outside a face only when the
/// test is strictly positive; coplanar points are never hull vertices of the output, which does
/// not change the hull's volume, area, or vertex extremes. The hull of the scaled point set (the
/// lattice × spacing / 2) is the scaled hull, since a diagonal positive scaling is linear.
struct ConvexHull: Sendable {
    /// Outward faces as triples of indices into the input points.
    var faces: [SIMD3<Int32>]
    /// Sorted indices of the input points that are hull vertices.
    var vertexIndices: [Int]

    /// Builds the hull. Throws `.invalidInput` when the points are all coplanar.
    static func build(points: [SIMD3<Int64>]) throws -> ConvexHull {
        var q = Quickhull(points: points)
        try q.start()
        q.run()
        return q.result()
    }

    /// Volume and area of the hull after mapping lattice points to world coordinates.
    static func measure(faces: [SIMD3<Int32>], world: [SIMD3<Double>]) -> (volume: Double, area: Double) {
        guard let first = faces.first else { return (0, 0) }
        let o = world[Int(first.x)]
        var volume = 0.0
        var area = 0.0
        for f in faces {
            let a = world[Int(f.x)] - o
            let b = world[Int(f.y)] - o
            let c = world[Int(f.z)] - o
            volume += (a * SurfaceMesh.cross(b, c)).sum()
            let n = SurfaceMesh.cross(b - a, c - a)
            area += (n * n).sum().squareRoot()
        }
        return (abs(volume) / 6, area / 2)
    }
}

/// Working state of the quickhull iteration.
private struct Quickhull {
    let points: [SIMD3<Int64>]
    var verts: [SIMD3<Int32>] = []
    var normal: [SIMD3<Int64>] = []
    /// Neighbour across edge slot k: 0 = a→b, 1 = b→c, 2 = c→a.
    var neighbour: [SIMD3<Int32>] = []
    var alive: [Bool] = []
    var outside: [[Int32]] = []
    /// Per-face visibility stamp for the current eye point.
    var stamp: [Int32] = []

    init(points: [SIMD3<Int64>]) { self.points = points }

    @inline(__always) func orient(_ f: Int, _ p: Int) -> Int64 {
        let a = points[Int(verts[f].x)]
        return (normal[f] &* (points[p] &- a)).wrappedSum()
    }

    static func cross(_ a: SIMD3<Int64>, _ b: SIMD3<Int64>) -> SIMD3<Int64> {
        SIMD3(a.y &* b.z &- a.z &* b.y, a.z &* b.x &- a.x &* b.z, a.x &* b.y &- a.y &* b.x)
    }

    mutating func addFace(_ a: Int32, _ b: Int32, _ c: Int32) -> Int {
        verts.append(SIMD3(a, b, c))
        let pa = points[Int(a)]
        normal.append(Self.cross(points[Int(b)] &- pa, points[Int(c)] &- pa))
        neighbour.append(SIMD3(-1, -1, -1))
        alive.append(true)
        outside.append([])
        stamp.append(-1)
        return verts.count - 1
    }

    /// Initial tetrahedron from extreme points; every other point goes to the first face it sees.
    mutating func start() throws {
        let n = points.count
        let flat = RadVaultError.invalidInput(
            "morphology: convex hull needs at least 4 non-coplanar mesh vertices; got \(n) points")
        guard n >= 4 else { throw flat }
        var i0 = 0
        for i in 1..<n where lexLess(points[i], points[i0]) { i0 = i }
        let i1 = argmax(n) { i in
            let d = points[i] &- points[i0]; return (d &* d).wrappedSum()
        }
        let e = points[i1] &- points[i0]
        let i2 = argmax(n) { i in
            let c = Self.cross(e, points[i] &- points[i0]); return (c &* c).wrappedSum()
        }
        let nrm = Self.cross(e, points[i2] &- points[i0])
        let i3 = argmax(n) { i in
            let v = (nrm &* (points[i] &- points[i0])).wrappedSum(); return v < 0 ? -v : v
        }
        guard (nrm &* (points[i3] &- points[i0])).wrappedSum() != 0 else { throw flat }
        let ids = [i0, i1, i2, i3].map { Int32($0) }
        for (f, opposite) in [([0, 1, 2], 3), ([0, 3, 1], 2), ([1, 3, 2], 0), ([2, 3, 0], 1)] {
            var t = f.map { ids[$0] }
            let face = addFace(t[0], t[1], t[2])
            if orient(face, Int(ids[opposite])) > 0 {
                t.swapAt(1, 2)
                verts[face] = SIMD3(t[0], t[1], t[2])
                let pa = points[Int(t[0])]
                normal[face] = Self.cross(points[Int(t[1])] &- pa, points[Int(t[2])] &- pa)
            }
        }
        linkNeighbours(faces: [0, 1, 2, 3])
        let initial = Set(ids)
        assign((0..<n).filter { !initial.contains(Int32($0)) }.map { Int32($0) }, to: [0, 1, 2, 3])
    }

    func lexLess(_ a: SIMD3<Int64>, _ b: SIMD3<Int64>) -> Bool {
        if a.x != b.x { return a.x < b.x }
        if a.y != b.y { return a.y < b.y }
        return a.z < b.z
    }

    func argmax(_ n: Int, _ key: (Int) -> Int64) -> Int {
        var best = 0
        var bestKey = key(0)
        for i in 1..<n {
            let k = key(i)
            if k > bestKey {
                best = i
                bestKey = k
            }
        }
        return best
    }

    /// Sets neighbour links among the given faces by matching opposite directed edges.
    mutating func linkNeighbours(faces: [Int]) {
        for f in faces {
            for k in 0..<3 {
                let (a, b) = edge(f, k)
                for g in faces where g != f {
                    for m in 0..<3 where edge(g, m) == (b, a) { neighbour[f][k] = Int32(g) }
                }
            }
        }
    }

    func edge(_ f: Int, _ k: Int) -> (Int32, Int32) {
        let v = verts[f]
        switch k {
        case 0: return (v.x, v.y)
        case 1: return (v.y, v.z)
        default: return (v.z, v.x)
        }
    }

    mutating func assign(_ candidates: [Int32], to faces: [Int]) {
        for p in candidates {
            for f in faces where orient(f, Int(p)) > 0 {
                outside[f].append(p)
                break
            }
        }
    }

    mutating func run() {
        var f = 0
        while f < verts.count {
            if alive[f] && !outside[f].isEmpty { addPoint(from: f) }
            f += 1
        }
    }

    /// Adds the point of face f's outside set that is furthest from its plane.
    mutating func addPoint(from f: Int) {
        var eye = outside[f][0]
        var far = orient(f, Int(eye))
        for p in outside[f] {
            let d = orient(f, Int(p))
            if d > far {
                far = d
                eye = p
            }
        }
        // Visible faces (depth-first) and the horizon edges, each with the face beyond it.
        var visible: [Int] = [f]
        var horizon: [(a: Int32, b: Int32, beyond: Int)] = []
        stamp[f] = eye
        var stack = [f]
        while let v = stack.popLast() {
            for k in 0..<3 {
                let g = Int(neighbour[v][k])
                if stamp[g] == eye && !alive[g] { continue }
                if stamp[g] == eye { continue }
                if orient(g, Int(eye)) > 0 {
                    stamp[g] = eye
                    alive[g] = false
                    visible.append(g)
                    stack.append(g)
                } else {
                    let (a, b) = edge(v, k)
                    horizon.append((a, b, g))
                }
            }
        }
        alive[f] = false
        var startAt: [Int32: Int] = [:]
        var endAt: [Int32: Int] = [:]
        var created: [Int] = []
        for h in horizon {
            let nf = addFace(h.a, h.b, eye)
            created.append(nf)
            startAt[h.a] = nf
            endAt[h.b] = nf
            neighbour[nf].x = Int32(h.beyond)
            for m in 0..<3 where edge(h.beyond, m) == (h.b, h.a) { neighbour[h.beyond][m] = Int32(nf) }
        }
        for nf in created {
            let v = verts[nf]
            neighbour[nf].y = Int32(startAt[v.y] ?? -1)
            neighbour[nf].z = Int32(endAt[v.x] ?? -1)
        }
        var orphans: [Int32] = []
        for v in visible {
            orphans.append(contentsOf: outside[v].lazy.filter { $0 != eye })
            outside[v] = []
        }
        assign(orphans, to: created)
    }

    func result() -> ConvexHull {
        var faces: [SIMD3<Int32>] = []
        var isVertex = [Bool](repeating: false, count: points.count)
        for f in 0..<verts.count where alive[f] {
            faces.append(verts[f])
            isVertex[Int(verts[f].x)] = true
            isVertex[Int(verts[f].y)] = true
            isVertex[Int(verts[f].z)] = true
        }
        return ConvexHull(faces: faces, vertexIndices: (0..<points.count).filter { isVertex[$0] })
    }
}
