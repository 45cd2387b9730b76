import Foundation
import Testing

@testable import Imaging

/// Timing harness for bench/imaging_vs_python.sh (not a test: runs only when
/// RADVAULT_IMAGING_BENCH names a NIfTI file). Prints one `IMAGING_BENCH {json}` line.
@Suite struct ImagingBenchmark {
    static let path = ProcessInfo.processInfo.environment["RADVAULT_IMAGING_BENCH"]

    @Test(.enabled(if: path != nil)) func readAndResample() throws {
        guard let path = Self.path else { return }
        let clock = ContinuousClock()
        func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
            var fastest = Double.infinity
            for _ in 0..<runs {
                let t = try clock.measure(body)
                fastest = min(fastest, Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18)
            }
            return fastest
        }
        var volume = try NIfTIFile.read(path: path)
        let read = try best(5) { volume = try NIfTIFile.read(path: path) }
        let settings = InterpolationSettings(spacing: [1, 1, 1], imageMethod: .linear)
        var resampled = volume
        let resample = try best(5) { resampled = try ImageProcessing.interpolate(volume, settings: settings) }
        let sum = resampled.voxels.reduce(0, +)
        print(
            "IMAGING_BENCH {\"read_s\": \(read), \"resample_s\": \(resample), "
                + "\"resampled_dims\": \(resampled.grid.dimensions), \"resampled_sum\": \(sum)}")
        #expect(resampled.grid.count > 0)
    }
}
