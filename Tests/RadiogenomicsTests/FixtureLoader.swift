import Foundation
import LinearAlgebra
import RadVaultCore

@testable import Radiogenomics

/// Reads committed fixture files.
enum Fixture {
    static func url(_ path: String) throws -> URL {
        guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw RadVaultError.notFound("Fixtures folder missing from the test bundle")
        }
        return base.appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: try url(path)))
    }

    static func table(_ path: String) throws -> DelimitedTable {
        try DelimitedTable.read(path: try url(path).path)
    }

    static func double(_ s: String) -> Double {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t == "NA" ? .nan : (Double(t) ?? .nan)
    }
}

/// Checks that two labelings define the same partition (a bijection between labels).
func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
    guard a.count == b.count else { return false }
    var ab: [Int: Int] = [:]
    var ba: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
        if let m = ab[x], m != y { return false }
        if let m = ba[y], m != x { return false }
        ab[x] = y
        ba[y] = x
    }
    return true
}

/// Largest relative difference, treating both-NaN as equal.
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    var worst = 0.0
    for (x, y) in zip(a, b) {
        if x.isNaN && y.isNaN { continue }
        if x.isNaN != y.isNaN { return .infinity }
        let d = abs(x - y) / max(abs(y), 1e-300)
        worst = max(worst, x == y ? 0 : d)
    }
    return worst
}
