import Foundation
import Imaging
import RadVaultCore
import Testing

@testable import Radiomics

/// Moran's I and Geary's C: the FFT method against the O(N²) pair sum.
@Suite struct MorphologyAutocorrelationTests {
    typealias Support = MorphologyTestSupport

    struct Case: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var dims: SIMD3<Int>
        var spacing: SIMD3<Double>
        var fill: Double
        var testDescription: String { "seed \(seed) dims \(dims) spacing \(spacing) fill \(fill)" }
    }

    static let cases: [Case] = [
        Case(seed: 1, dims: SIMD3(6, 5, 4), spacing: SIMD3(1, 1, 1), fill: 0.8),
        Case(seed: 2, dims: SIMD3(11, 9, 7), spacing: SIMD3(0.977, 0.977, 3), fill: 0.6),
        Case(seed: 3, dims: SIMD3(16, 15, 3), spacing: SIMD3(2, 2, 2), fill: 0.3),
        Case(seed: 4, dims: SIMD3(1, 13, 9), spacing: SIMD3(1.5, 0.5, 1.25), fill: 0.9),
        Case(seed: 5, dims: SIMD3(20, 18, 12), spacing: SIMD3(0.7, 0.8, 2.1), fill: 0.5),
    ]

    @Test(arguments: cases)
    func fftMatchesDirectPairSum(_ c: Case) throws {
        let roi = Support.randomROI(seed: c.seed, dims: c.dims, spacing: c.spacing, fill: c.fill)
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        let fast = try SpatialAutocorrelation.compute(sample)
        let slow = SpatialAutocorrelation.direct(sample)
        #expect(abs(fast.moran - slow.moran) <= 1e-9 * abs(slow.moran), "I: \(fast.moran) vs \(slow.moran)")
        #expect(abs(fast.geary - slow.geary) <= 1e-9 * abs(slow.geary), "C: \(fast.geary) vs \(slow.geary)")
    }

    @Test func digitalPhantomDirectAndFastAgree() throws {
        let roi = Support.digitalPhantom()
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        let fast = try SpatialAutocorrelation.compute(sample)
        let slow = SpatialAutocorrelation.direct(sample)
        #expect(abs(fast.moran - slow.moran) <= 1e-12 * abs(slow.moran))
        #expect(abs(fast.geary - slow.geary) <= 1e-12 * abs(slow.geary))
    }

    @Test func constantIntensityIsUndefined() throws {
        let grid = Grid(nx: 3, ny: 3, nz: 1, spacing: SIMD3(1, 1, 1))
        let m = Mask(grid: grid, voxels: .init(repeating: true, count: 9))
        let sample = try SpatialAutocorrelation.Sample(
            image: Volume(grid: grid, voxels: .init(repeating: 4, count: 9)), mask: m)
        let r = try SpatialAutocorrelation.compute(sample)
        #expect(r.moran.isNaN && r.geary.isNaN)
    }

    @Test func repeatedRunsAreBitIdentical() throws {
        let roi = Support.randomROI(seed: 9, dims: SIMD3(14, 12, 8), spacing: SIMD3(1, 1, 2), fill: 0.6)
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        let a = try SpatialAutocorrelation.compute(sample)
        let b = try SpatialAutocorrelation.compute(sample)
        #expect(a.moran.bitPattern == b.moran.bitPattern && a.geary.bitPattern == b.geary.bitPattern)
    }

    @Test func oversizedLatticeIsRefusedWithItsSize() throws {
        let roi = Support.randomROI(seed: 3, dims: SIMD3(6, 5, 4), spacing: SIMD3(1, 1, 1), fill: 1)
        let sample = try SpatialAutocorrelation.Sample(image: roi.image, mask: roi.intensityMask)
        #expect {
            _ = try SpatialAutocorrelation.compute(sample, maximumLatticePoints: 500)
        } throws: { error in
            (error as? RadVaultError)?.message
                == "morphology: Moran's I / Geary's C need a 12×10×8 FFT lattice for the intensity-mask bounding "
                + "box 6×5×4; at most 500 points are supported"
        }
    }

    @Test func kernelOctantMatchesTheNaiveDFT() {
        let lattice = SIMD3(6, 8, 4)
        let box = SIMD3(3, 4, 2)
        let spacing = SIMD3(0.9, 1.1, 2.5)
        let plans = [FourierTransform(n: 6), FourierTransform(n: 8), FourierTransform(n: 4)]
        let kernel = KernelSpectrum(lattice: lattice, box: box, spacing: spacing, plans: plans)
        #expect(kernel.values.count == 4 * 5 * 3)
        var worst = 0.0
        for fz in 0...2 {
            for fy in 0...4 {
                for fx in 0...3 {
                    var sum = 0.0
                    for dz in (1 - box.z)..<box.z {
                        for dy in (1 - box.y)..<box.y {
                            for dx in (1 - box.x)..<box.x where dx != 0 || dy != 0 || dz != 0 {
                                let d = SIMD3(Double(dx), Double(dy), Double(dz)) * spacing
                                let turns =
                                    Double(fx * dx) / 6 + Double(fy * dy) / 8 + Double(fz * dz) / 4
                                sum += cos(2 * Double.pi * turns) / (d * d).sum().squareRoot()
                            }
                        }
                    }
                    worst = max(worst, abs(sum - kernel.values[fx + 4 * (fy + 5 * fz)]))
                }
            }
        }
        #expect(worst < 1e-12, "largest deviation \(worst)")
    }
}
