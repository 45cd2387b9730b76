import Imaging
import RadVaultCore

/// The geometric quantities that the morphology features are ratios of, computed once per ROI
/// (IBSI-1 §3.1). Lengths in mm, volumes in mm³, areas in mm².
struct MorphologyMeasures: Sendable {
    /// Mesh volume V and area A of the morphological mask.
    var volume = 0.0
    var area = 0.0
    /// Voxel count × voxel volume of the morphological mask.
    var voxelVolume = 0.0
    /// Distance between the geometric and the intensity-weighted centre of mass.
    var centreOfMassShift = 0.0
    /// Largest distance between mesh vertices (found among convex hull vertices).
    var maximumDiameter = 0.0
    /// PCA eigenvalues of the voxel-centre covariance (sample, N − 1), descending.
    var eigenvalues: [Double] = [0, 0, 0]
    var aabbVolume = 0.0
    var aabbArea = 0.0
    var hullVolume = 0.0
    var hullArea = 0.0
    /// Minimum-volume enclosing ellipsoid semi-axes, descending (NaN when undefined).
    var mveeAxes: [Double] = [.nan, .nan, .nan]
    /// Mean intensity over the intensity mask.
    var meanIntensity = 0.0
    var moransI = Double.nan
    var gearysC = Double.nan

    /// Measures an ROI. Throws for an empty mask or mismatched grids.
    init(roi: ROI) throws {
        try Self.validate(roi)
        let morph = roi.morphologicalMask
        let spacing = morph.grid.spacing
        let mesh = try SurfaceMesh.build(mask: morph)
        volume = mesh.volume
        area = mesh.area
        let count = morph.count
        voxelVolume = Double(count) * morph.grid.voxelVolume
        measureBoxes(mesh)
        try measureHull(mesh)
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        meanIntensity = sample.values.reduce(0, +) / Double(sample.values.count)
        (moransI, gearysC) = try SpatialAutocorrelation.compute(sample)
        measureMoments(roi: roi, spacing: spacing)
    }

    static func validate(_ roi: ROI) throws {
        let g = roi.image.grid
        guard roi.morphologicalMask.grid == g, roi.intensityMask.grid == g else {
            throw RadVaultError.invalidInput(
                "morphology: ROI image, intensity mask and morphological mask must share one grid; got "
                    + "\(g.dimensions), \(roi.intensityMask.grid.dimensions), "
                    + "\(roi.morphologicalMask.grid.dimensions)")
        }
        guard g.spacing.x > 0, g.spacing.y > 0, g.spacing.z > 0, g.spacing.sum().isFinite else {
            throw RadVaultError.invalidInput("morphology: grid spacing must be positive and finite; got \(g.spacing)")
        }
    }

    /// Axis-aligned bounding box of the mesh vertices (IBSI PBX1, R59B).
    private mutating func measureBoxes(_ mesh: SurfaceMesh) {
        guard let first = mesh.vertices.first else { return }
        var lo = first
        var hi = first
        for v in mesh.vertices {
            lo = pointwiseMin(lo, v)
            hi = pointwiseMax(hi, v)
        }
        let e = hi - lo
        aabbVolume = e.x * e.y * e.z
        aabbArea = 2 * (e.x * e.y + e.y * e.z + e.z * e.x)
    }

    /// Convex hull (R3ER, 7T7F), maximum diameter (L0JK) and MVEE (SWZ1, BRI8).
    private mutating func measureHull(_ mesh: SurfaceMesh) throws {
        let candidates = Self.rowExtremes(mesh.lattice)
        let points = candidates.map { SIMD3<Int64>(truncatingIfNeeded: mesh.lattice[$0]) }
        let hull = try ConvexHull.build(points: points)
        let world = candidates.map { mesh.vertices[$0] }
        (hullVolume, hullArea) = ConvexHull.measure(faces: hull.faces, world: world)
        let hullPoints = hull.vertexIndices.map { world[$0] }
        var best = 0.0
        for i in 0..<hullPoints.count {
            let p = hullPoints[i]
            for j in (i + 1)..<hullPoints.count {
                let d = p - hullPoints[j]
                best = max(best, (d * d).sum())
            }
        }
        maximumDiameter = best.squareRoot()
        mveeAxes = (try? EnclosingEllipsoid.minimumVolumeSemiAxes(hullPoints)) ?? [.nan, .nan, .nan]
    }

    /// Indices of the vertices that are first or last along x in their (y, z) lattice row: a hull
    /// vertex is never strictly between two points of one line, so nothing else can be one.
    static func rowExtremes(_ lattice: [SIMD3<Int32>]) -> [Int] {
        guard let first = lattice.first else { return [] }
        // Rows are indexed densely over the (y, z) range of the vertices (a hash map per row was a
        // visible share of the morphology family); −1 marks a row without vertices.
        var low = SIMD2(first.y, first.z)
        var high = low
        for p in lattice {
            low = pointwiseMin(low, SIMD2(p.y, p.z))
            high = pointwiseMax(high, SIMD2(p.y, p.z))
        }
        let width = Int(high.x) - Int(low.x) + 1
        let rows = width * (Int(high.y) - Int(low.y) + 1)
        var lowest = [Int](repeating: -1, count: rows)
        var highest = [Int](repeating: -1, count: rows)
        for (i, p) in lattice.enumerated() {
            let key = Int(p.y) - Int(low.x) + width * (Int(p.z) - Int(low.y))
            let j = lowest[key]
            if j < 0 || p.x < lattice[j].x { lowest[key] = i }
            let k = highest[key]
            if k < 0 || p.x > lattice[k].x { highest[key] = i }
        }
        var result: [Int] = []
        for key in 0..<rows where lowest[key] >= 0 {
            result.append(lowest[key])
            if highest[key] != lowest[key] { result.append(highest[key]) }
        }
        return result.sorted()
    }

    /// Centre-of-mass shift (KLMA) and PCA eigenvalues (TDIC, P9VJ, 7J51) from voxel centres.
    private mutating func measureMoments(roi: ROI, spacing: SIMD3<Double>) {
        let g = roi.image.grid
        var geometric = SIMD3<Double>(0, 0, 0)
        var weighted = SIMD3<Double>(0, 0, 0)
        var intensitySum = 0.0
        var n = 0.0
        var second = [Double](repeating: 0, count: 6)
        var i = 0
        // Two passes: the covariance is accumulated about the centroid for accuracy.
        for z in 0..<g.nz {
            for y in 0..<g.ny {
                for x in 0..<g.nx {
                    let p = SIMD3(Double(x), Double(y), Double(z)) * spacing
                    if roi.morphologicalMask.voxels[i] {
                        geometric += p
                        n += 1
                    }
                    if roi.intensityMask.voxels[i] {
                        weighted += roi.image.voxels[i] * p
                        intensitySum += roi.image.voxels[i]
                    }
                    i += 1
                }
            }
        }
        geometric /= n
        centreOfMassShift = intensitySum == 0 ? .nan : Self.norm(geometric - weighted / intensitySum)
        i = 0
        for z in 0..<g.nz {
            for y in 0..<g.ny {
                for x in 0..<g.nx {
                    if roi.morphologicalMask.voxels[i] {
                        let d = SIMD3(Double(x), Double(y), Double(z)) * spacing - geometric
                        second[0] += d.x * d.x
                        second[1] += d.x * d.y
                        second[2] += d.x * d.z
                        second[3] += d.y * d.y
                        second[4] += d.y * d.z
                        second[5] += d.z * d.z
                    }
                    i += 1
                }
            }
        }
        let c = second.map { n > 1 ? $0 / (n - 1) : 0 }
        eigenvalues = EnclosingEllipsoid.symmetricEigenvalues([c[0], c[1], c[2], c[1], c[3], c[4], c[2], c[4], c[5]])
            .map { max($0, 0) }
    }

    static func norm(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
}
