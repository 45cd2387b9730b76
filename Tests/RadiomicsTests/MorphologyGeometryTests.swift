import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Mesh, hull, ellipsoid and FFT kernels of the morphology family.
@Suite struct MorphologyGeometryTests {
    typealias Support = MorphologyTestSupport

    /// Every directed edge is used as often as its reverse: closed and consistently oriented
    /// (IBSI-1 §3.1, "Mesh-based representation"), so the divergence-theorem volume is exact.
    static func isWatertight(_ triangles: [SIMD3<Int32>]) -> Bool {
        var count: [SIMD2<Int32>: Int] = [:]
        for t in triangles {
            for (a, b) in [(t.x, t.y), (t.y, t.z), (t.z, t.x)] { count[SIMD2(a, b), default: 0] += 1 }
        }
        return !triangles.isEmpty && count.allSatisfy { edge, n in count[SIMD2(edge.y, edge.x)] == n }
    }

    static func unbalanced(_ triangles: [SIMD3<Int32>]) -> [SIMD2<Int32>] {
        var count: [SIMD2<Int32>: Int] = [:]
        for t in triangles {
            for (a, b) in [(t.x, t.y), (t.y, t.z), (t.z, t.x)] { count[SIMD2(a, b), default: 0] += 1 }
        }
        return count.keys.filter { count[SIMD2($0.y, $0.x)] != count[$0] }.sorted { ($0.x, $0.y) < ($1.x, $1.y) }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomMasksGiveWatertightOutwardMeshes(seed: Int) throws {
        let roi = Support.randomROI(seed: UInt64(seed), dims: SIMD3(7, 6, 5), spacing: SIMD3(1, 1.5, 2), fill: 0.55)
        let mesh = try SurfaceMesh.build(mask: roi.morphologicalMask)
        #expect(Self.isWatertight(mesh.triangles))
        // Signed volume is positive (outward normals).
        var signed = 0.0
        for t in mesh.triangles {
            let a = mesh.vertices[Int(t.x)]
            signed += (a * SurfaceMesh.cross(mesh.vertices[Int(t.y)], mesh.vertices[Int(t.z)])).sum()
        }
        #expect(signed > 0)
    }

    @Test func allTableConfigurationsAreClosed() {
        // A lone cube with any corner pattern, meshed inside a padded 2×2×2 block, must be closed.
        for config in 1..<255 {
            let grid = Grid(nx: 2, ny: 2, nz: 2, spacing: SIMD3(1, 1, 1))
            let mask = Mask(grid: grid, voxels: (0..<8).map { config & (1 << $0) != 0 })
            guard let mesh = try? SurfaceMesh.build(mask: mask) else {
                Issue.record("config \(config) failed")
                continue
            }
            #expect(Self.isWatertight(mesh.triangles), "config \(config): \(Self.unbalanced(mesh.triangles))")
        }
    }

    @Test func convexBoxMeshEqualsItsHull() throws {
        let grid = Grid(nx: 4, ny: 3, nz: 2, spacing: SIMD3(0.5, 1, 3))
        let m = Mask(grid: grid, voxels: .init(repeating: true, count: 24))
        let roi = ROI(
            image: Volume(grid: grid, voxels: .init(repeating: 1, count: 24)), intensityMask: m,
            morphologicalMask: m)
        let v = Dictionary(uniqueKeysWithValues: try MorphologyFeatures.compute(roi: roi).map { ($0.tag, $0.value) })
        #expect(abs((v["morph_vol_dens_conv_hull"] ?? 0) - 1) < 1e-12)
        #expect(abs((v["morph_area_dens_conv_hull"] ?? 0) - 1) < 1e-12)
        // Diagonal of the chamfered box: 4×3×2 voxels, mesh spans (4, 3, 2) − (0,0,0) minus corners.
        #expect((v["morph_diam"] ?? 0) > 0)
    }

    @Test(arguments: [11, 12, 13])
    func hullContainsEveryPointAndIsClosed(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed))
        let points = (0..<400).map { _ in
            SIMD3<Int64>(Int64(rng.nextInt(below: 21)), Int64(rng.nextInt(below: 21)), Int64(rng.nextInt(below: 9)))
        }
        let hull = try ConvexHull.build(points: points)
        #expect(Self.isWatertight(hull.faces))
        for f in hull.faces {
            let a = points[Int(f.x)]
            let b = points[Int(f.y)] &- a
            let c = points[Int(f.z)] &- a
            let n = SIMD3(b.y * c.z - b.z * c.y, b.z * c.x - b.x * c.z, b.x * c.y - b.y * c.x)
            #expect(points.allSatisfy { (n &* ($0 &- a)).wrappedSum() <= 0 })
        }
    }

    @Test func coplanarPointsAreRefused() {
        let points = (0..<10).map { SIMD3<Int64>(Int64($0), Int64($0 * $0 % 7), 0) }
        #expect(throws: RadVaultError.self) { _ = try ConvexHull.build(points: points) }
    }

    @Test func ellipsoidAreaSeriesMatchesTheIBSISeries() {
        // Sphere: 4πr² exactly.
        #expect(abs(EnclosingEllipsoid.surfaceArea(2, 2, 2) - 16 * Double.pi) < 1e-12)
        // Independent evaluation of the IBSI-1 series (RDD2) with P_ν(x) by its own recurrence.
        // (The truncated series is the manual's definition, not the exact ellipsoid area.)
        let (a, b, c) = (5.0, 4.0, 3.5)
        let alpha = (1 - b * b / (a * a)).squareRoot()
        let beta = (1 - c * c / (a * a)).squareRoot()
        let x = (alpha * alpha + beta * beta) / (2 * alpha * beta)
        var p = [1.0, x]
        for n in 1..<20 { p.append((Double(2 * n + 1) * x * p[n] - Double(n) * p[n - 1]) / Double(n + 1)) }
        var sum = 0.0
        for n in 0...20 { sum += pow(alpha * beta, Double(n)) / (1 - 4 * Double(n * n)) * p[n] }
        let expected = 4 * Double.pi * a * b * sum
        #expect(abs(EnclosingEllipsoid.surfaceArea(a, b, c) - expected) / expected < 1e-13)
    }

    @Test func mveeOfABoxIsItsCircumscribedEllipsoid() throws {
        // Box corners ±(a, b, c): MVEE semi-axes √3·(a, b, c) (up to the 0.001 tolerance).
        var pts: [SIMD3<Double>] = []
        for c in 0..<8 {
            pts.append(SIMD3(c & 1 == 0 ? -4 : 4, c & 2 == 0 ? -2 : 2, c & 4 == 0 ? -1 : 1))
        }
        let axes = try EnclosingEllipsoid.minimumVolumeSemiAxes(pts)
        let expected = [4.0, 2.0, 1.0].map { $0 * 3.0.squareRoot() }
        for (x, y) in zip(axes, expected) { #expect(abs(x - y) / y < 1e-3) }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 24, 25, 27, 30, 45, 60, 64, 75, 81, 100])
    func fftMatchesNaiveDFT(n: Int) {
        var rng = SeededGenerator(seed: UInt64(n))
        let re0 = (0..<n).map { _ in rng.nextGaussian() }
        let im0 = (0..<n).map { _ in rng.nextGaussian() }
        var re = re0
        var im = im0
        var scratch = [Double](repeating: 0, count: 2 * n)
        let plan = FourierTransform(n: n)
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { i in
                scratch.withUnsafeMutableBufferPointer { s in
                    guard let r = r.baseAddress, let i = i.baseAddress, let s = s.baseAddress else { return }
                    plan.forward(r, i, s, s + n)
                }
            }
        }
        var worst = 0.0
        for k in 0..<n {
            var sr = 0.0
            var si = 0.0
            for j in 0..<n {
                let angle = -2 * Double.pi * Double(j * k % n) / Double(n)
                sr += re0[j] * cos(angle) - im0[j] * sin(angle)
                si += re0[j] * sin(angle) + im0[j] * cos(angle)
            }
            worst = max(worst, abs(sr - re[k]), abs(si - im[k]))
        }
        #expect(worst < 1e-11 * Double(max(n, 1)))
    }

    @Test func deterministicCosSinIsAccurate() {
        for den in [1, 3, 7, 8, 16, 360, 1000] {
            for num in 0..<den {
                let (c, s) = FourierTransform.deterministicCosSin(num, den)
                let angle = 2 * Double.pi * Double(num) / Double(den)
                // The libm reference itself carries the rounding of 2π·num/den (≤ 7e-16 here).
                #expect(abs(c - cos(angle)) < 2e-15 && abs(s - sin(angle)) < 2e-15, "\(num)/\(den)")
            }
        }
    }
}
