import LinearAlgebra
import RadVaultCore

/// `WGCNA::goodSamplesGenes` with its defaults (minFraction 1/2, minNSamples 4, minNGenes 4,
/// tol = 1e-10 · max|x|): genes present in too few samples or with variance ≤ tol² are
/// dropped, then samples missing too many of the remaining genes, repeated until stable.
public struct SampleGeneFilter: Sendable {
    public var goodGenes: [Bool]
    public var goodSamples: [Bool]

    static let minNSamples = 4
    static let minNGenes = 4

    public init(_ x: Matrix, minFraction: Double = 0.5) throws {
        var tol = 0.0
        for v in x.storage where !v.isNaN { tol = max(tol, abs(v)) }
        tol *= 1e-10
        goodGenes = Array(repeating: true, count: x.columns)
        goodSamples = Array(repeating: true, count: x.rows)
        var badGenes = 0
        var badSamples = 0
        while true {
            try updateGenes(x, minFraction: minFraction, tol: tol)
            try updateSamples(x, minFraction: minFraction)
            let g = goodGenes.filter { !$0 }.count
            let s = goodSamples.filter { !$0 }.count
            if g <= badGenes && s <= badSamples { break }
            badGenes = g
            badSamples = s
        }
    }

    private mutating func updateGenes(_ x: Matrix, minFraction: Double, tol: Double) throws {
        let samples = goodSamples.indices.filter { goodSamples[$0] }
        let nSamples = Double(samples.count)
        for j in goodGenes.indices where goodGenes[j] {
            let vals = samples.map { x[$0, j] }.filter { !$0.isNaN }
            let nNA = samples.count - vals.count
            var variance = 0.0
            if vals.count >= 2 {
                let mean = vals.reduce(0, +) / Double(vals.count)
                variance = vals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(vals.count - 1)
            }
            goodGenes[j] =
                Double(nNA) < (1 - minFraction) * nSamples && variance > tol * tol && vals.count >= Self.minNSamples
        }
        guard goodGenes.filter({ $0 }).count >= Self.minNGenes else {
            throw RadVaultError.invalidInput(
                "expression table: too few genes with valid expression levels (present in ≥ \(Self.minNSamples) "
                    + "samples and not constant); need at least \(Self.minNGenes)")
        }
    }

    private mutating func updateSamples(_ x: Matrix, minFraction: Double) throws {
        let genes = goodGenes.indices.filter { goodGenes[$0] }
        let nGenes = Double(genes.count)
        for i in goodSamples.indices where goodSamples[i] {
            let nNA = genes.reduce(0) { $0 + (x[i, $1].isNaN ? 1 : 0) }
            goodSamples[i] = Double(nNA) < (1 - minFraction) * nGenes && genes.count - nNA >= Self.minNGenes
        }
        guard goodSamples.filter({ $0 }).count >= Self.minNSamples else {
            throw RadVaultError.invalidInput(
                "expression table: too few samples with valid expression levels; need at least \(Self.minNSamples)")
        }
    }
}
