import Foundation
import Imaging
import RadVaultCore
import RadVaultTestSupport
import Testing

@testable import Radiomics

/// Shared fixtures of the morphology and local-intensity tests.
enum MorphologyTestSupport {
    /// The IBSI-1 digital phantom as embedded once in `DigitalPhantom` (TextureTestSupport.swift);
    /// `MorphologyCTPhantomTests` checks those arrays against the NIfTI files.
    static let phantomImage: [Double] = DigitalPhantom.image.map(Double.init)
    static let phantomMask: [Bool] = DigitalPhantom.mask

    static func digitalPhantom() -> ROI {
        let grid = Grid(nx: 5, ny: 4, nz: 4, spacing: SIMD3(2, 2, 2))
        let mask = Mask(grid: grid, voxels: phantomMask)
        return ROI(image: Volume(grid: grid, voxels: phantomImage), intensityMask: mask, morphologicalMask: mask)
    }

    /// A reference row of Resources/ibsi/ibsi1_reference_values.csv.
    struct Reference: Sendable, CustomTestStringConvertible {
        var family: String
        var feature: String
        var code: String
        var phantom: String
        var config: String
        var value: Double
        var tolerance: Double
        var testDescription: String { "\(family) \(feature) \(phantom) \(config)" }
    }

    static func references(family: String, phantom: String) -> [Reference] {
        let path = TestSupport.repositoryRoot.appendingPathComponent(
            "Sources/Radiomics/Resources/ibsi/ibsi1_reference_values.csv"
        ).path
        guard let table = try? DelimitedTable.read(path: path) else { return [] }
        return table.rows.compactMap { r in
            guard r[0] == family, r[4] == phantom, let v = Double(r[6]), let t = Double(r[7]) else { return nil }
            return Reference(
                family: r[0], feature: r[1], code: r[2], phantom: r[4], config: r[5], value: v, tolerance: t)
        }
    }

    /// The IBSI-1 match rule (oncoray/mirp `within_tolerance`): round to 3 significant digits
    /// (half to even), then |x_r − ref| − tol ≤ machine epsilon.
    static func matches(_ x: Double, reference: Double, tolerance: Double) -> Bool {
        guard x.isFinite else { return false }
        var rounded = x
        if x != 0 {
            let digits = 3 - Int(log10(abs(x)).rounded(.down)) - 1
            let scale = pow(10, Double(digits))
            rounded = (x * scale).rounded(.toNearestOrEven) / scale
        }
        return abs(rounded - reference) - tolerance <= Double.ulpOfOne
    }

    /// A random ROI on an anisotropic grid: mask density `fill`, Gaussian intensities.
    static func randomROI(seed: UInt64, dims: SIMD3<Int>, spacing: SIMD3<Double>, fill: Double) -> ROI {
        var rng = SeededGenerator(seed: seed)
        let grid = Grid(nx: dims.x, ny: dims.y, nz: dims.z, spacing: spacing)
        var voxels = [Double](repeating: 0, count: grid.count)
        var mask = [Bool](repeating: false, count: grid.count)
        for i in 0..<grid.count {
            voxels[i] = (100 * rng.nextGaussian()).rounded() + Double(i % 7)
            mask[i] = rng.nextUniform() < fill
        }
        mask[grid.count / 2] = true
        let m = Mask(grid: grid, voxels: mask)
        return ROI(image: Volume(grid: grid, voxels: voxels), intensityMask: m, morphologicalMask: m)
    }

    /// Digest of the exact bits of a feature list.
    static func digest(_ values: [FeatureValue]) -> Digest {
        var bytes: [UInt8] = []
        for v in values {
            bytes.append(contentsOf: Array(v.tag.utf8))
            withUnsafeBytes(of: v.value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Digest.of(bytes)
    }
}
