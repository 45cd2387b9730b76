import Foundation
import RadVaultCore
import Testing

@testable import Modeling

/// Benchmark hook for bench/model_lasso_vs_sklearn.sh: runs only with RADVAULT_BENCH=1 (returns
/// at once otherwise). Reads RADVAULT_BENCH_DATA (CSV: id, fold, y, features…), fits the
/// 100-λ L1-logistic path with 10-fold CV on the given folds, writes RADVAULT_BENCH_OUT (JSON).
@Test func BenchmarkLasso() throws {
    let env = ProcessInfo.processInfo.environment
    guard env["RADVAULT_BENCH"] == "1", let dataPath = env["RADVAULT_BENCH_DATA"],
        let outPath = env["RADVAULT_BENCH_OUT"]
    else { return }
    let table = try DelimitedTable.read(path: dataPath)
    let folds = table.rows.map { Int($0[1]) ?? 0 }
    let y = table.rows.map { Double($0[2]) ?? .nan }
    let names = Array(table.header.dropFirst(3))
    let columns = (0..<names.count).map { j in table.rows.map { Double($0[j + 3]) ?? .nan } }
    var options = LassoOptions()
    if let t = env["RADVAULT_BENCH_THRESHOLD"].flatMap(Double.init) { options.threshold = t }
    var times: [Double] = []
    var result: LassoCVResult?
    for _ in 0..<3 {
        let start = ContinuousClock.now
        result = LassoCrossValidation.run(columns: columns, outcome: .binary(y), folds: folds, options: options)
        let d = ContinuousClock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    let cv = try #require(result)
    let k = cv.indexMin
    let selected = names.indices.filter { cv.path.coefficients[k][$0] != 0 }.map { names[$0] }
    let out: JSONValue = .object([
        "seconds": .array(times.map { .double($0) }),
        "lambdas": .array(cv.path.lambdas.map { .double($0) }),
        "index_min": .int(Int64(k)), "index_1se": .int(Int64(cv.index1SE)),
        "cvm": .array(cv.meanDeviance.map { .double($0) }),
        "selected": .array(selected.map { .string($0) }),
        "coefficients": .array(cv.path.coefficients[k].map { .double($0) }),
        "intercept": .double(cv.path.intercepts[k]),
        "digest": .string(try CanonicalJSON.digest(CanonicalJSON.jsonValue(cv)).description),
    ])
    try Data(CanonicalJSON.bytes(out)).write(to: URL(fileURLWithPath: outPath))
}
