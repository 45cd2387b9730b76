import Foundation
import Imaging
import RadVaultCore
import Radiomics

// Times `Extractor.extract` (the per-subject function `radvault extract` calls) on one image
// and mask. Usage: radiomics-bench IMAGE MASK SETTINGS.yaml [REPEATS]
// Prints one line: load seconds (whole image and mask), best and median extract seconds on the
// loaded volumes, feature count, and the best load + extract seconds of
// `Extractor.extract(imagePath:maskPath:settings:)` (both files read again in every repeat, as
// PyRadiomics' `execute` reads them in every call: the like-for-like figure).
/// Writes the canonical JSON of this run's features and of every IBSI benchmark's extraction into
/// `directory` (RADIOMICS_BENCH_DUMP=DIR), to compare feature bits before and after a change.
func writeDump(directory: String, image: Volume, mask: Mask, settings: ExtractionSettings) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let bench = try Extractor.extract(image: image, mask: mask, settings: settings)
    var outputs = [("bench", bench)]
    for benchmark in IBSIBenchmark.all {
        outputs.append((benchmark.label.replacingOccurrences(of: "/", with: "_"), try IBSICheck.extract(benchmark)))
    }
    for (name, result) in outputs {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(name + ".json")
        try Data(CanonicalJSON.bytes(try result.jsonValue)).write(to: url)
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: radiomics-bench IMAGE MASK SETTINGS.yaml [REPEATS]\n".utf8))
    exit(2)
}
do {
    let repeats = arguments.count > 4 ? max(1, Int(arguments[4]) ?? 3) : 3
    let settings = try ExtractionSettings.read(path: arguments[3])
    let loadStart = Date()
    let image = try NIfTIFile.read(path: arguments[1])
    let mask = try NIfTIFile.readMask(path: arguments[2], label: settings.maskLabel)
    let loadSeconds = Date().timeIntervalSince(loadStart)
    var times: [Double] = []
    var cpuTimes: [Double] = []
    var withLoad: [Double] = []
    var withLoadCPU: [Double] = []
    var count = 0
    for _ in 0..<repeats {
        let start = Date()
        let cpuStart = clock()
        _ = try Extractor.extract(imagePath: arguments[1], maskPath: arguments[2], settings: settings)
        withLoadCPU.append(Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC))
        withLoad.append(Date().timeIntervalSince(start))
    }
    for _ in 0..<repeats {
        let start = Date()
        let cpuStart = clock()
        let result = try Extractor.extract(image: image, mask: mask, settings: settings)
        cpuTimes.append(Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC))
        times.append(Date().timeIntervalSince(start))
        count = result.features.count
        if !result.diagnostics.skipped.isEmpty {
            FileHandle.standardError.write(
                Data((result.diagnostics.skipped.map(\.message).joined(separator: "\n") + "\n").utf8))
        }
    }
    if let dump = ProcessInfo.processInfo.environment["RADIOMICS_BENCH_DUMP"] {
        try writeDump(directory: dump, image: image, mask: mask, settings: settings)
    }
    times.sort()
    cpuTimes.sort()
    withLoad.sort()
    withLoadCPU.sort()
    let median = times[times.count / 2]
    print(
        String(
            format: "load_s=%.4f extract_best_s=%.4f extract_median_s=%.4f cpu_best_s=%.4f features=%d "
                + "load_extract_best_s=%.4f load_extract_cpu_best_s=%.4f", loadSeconds, times[0], median, cpuTimes[0],
            count, withLoad[0], withLoadCPU[0]))
} catch {
    FileHandle.standardError.write(Data("radiomics-bench: \(error)\n".utf8))
    exit(1)
}
