import Foundation
import LinearAlgebra
import RadVaultCore
import Testing

@testable import Radiogenomics

/// Benchmarks run by bench/wgcna_benchmark.sh and bench/correlation_benchmark.sh; they skip at
/// once unless RADVAULT_BENCH=1 (run them in release: `swift test -c release -Xswiftc
/// -enable-testing --filter Benchmark`).
@Suite struct BenchmarkTests {
    static var enabled: Bool { ProcessInfo.processInfo.environment["RADVAULT_BENCH"] == "1" }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Peak resident set size of this process in MB (getrusage ru_maxrss, kB on Linux).
    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// CPU seconds used by this process so far (user + system; the machine is shared, so wall
    /// time overstates the cost).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    @Test func wgcnaBenchmark() throws {
        guard Self.enabled, let path = ProcessInfo.processInfo.environment["RADVAULT_BENCH_WGCNA_INPUT"] else { return }
        BLASInfo.setThreads(1)
        let power = Int(ProcessInfo.processInfo.environment["RADVAULT_BENCH_POWER"] ?? "6") ?? 6
        var table: ExpressionTable?
        let tRead = try Self.seconds {
            table = try ExpressionTable.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
        }
        let x = try #require(table).values
        let baseline = Self.peakMB()
        var c = Matrix(rows: 0, columns: 0)
        let tAdj = Self.seconds {
            c = GeneCorrelation.correlationMatrix(x)
            TopologicalOverlap.adjacencyInPlace(&c, power: power, type: .unsigned)
        }
        var diss = CondensedDistance(count: 0)
        let tTOM = Self.seconds { diss = TopologicalOverlap.dissimilarity(consuming: &c) }
        var tree: Dendrogram?
        let tTree = Self.seconds {
            var work = diss
            tree = HierarchicalClustering.averageLinkage(&work)
        }
        var labels: [Int] = []
        let tCut = try Self.seconds {
            labels = try DynamicTreeCut.cutreeHybrid(
                dendrogram: try #require(tree), distances: diss,
                settings: TreeCutSettings(minClusterSize: 20, deepSplit: 2))
        }
        let modules = Set(labels.filter { $0 > 0 }).count
        print(
            "RADVAULT_WGCNA_BENCH genes=\(x.columns) samples=\(x.rows) power=\(power) read=\(tRead) adjacency=\(tAdj) "
                + "tom=\(tTOM) hclust=\(tTree) treecut=\(tCut) total=\(tAdj + tTOM + tTree + tCut) modules=\(modules) "
                + "peak_mb=\(Self.peakMB()) before_network_mb=\(baseline) blas=\(BLASInfo.current().coreType)")
        let out = ProcessInfo.processInfo.environment["RADVAULT_BENCH_LABELS_OUT"]
        if let out {
            let text = labels.map(String.init).joined(separator: "\n") + "\n"
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    @Test func correlationBenchmark() throws {
        guard Self.enabled, ProcessInfo.processInfo.environment["RADVAULT_BENCH_CORRELATION"] == "1" else { return }
        BLASInfo.setThreads(1)
        let n = 300
        let nf = 1500
        let ng = 20000
        var rng = SeededGenerator(seed: 42)
        var f = Matrix(rows: n, columns: nf)
        var g = Matrix(rows: n, columns: ng)
        for k in f.storage.indices { f.storage[k] = rng.nextGaussian() }
        for k in g.storage.indices { g.storage[k] = rng.nextGaussian() }
        for j in 0..<200 {
            for i in 0..<n { g[i, j] += 0.5 * f[i, j % nf] }
        }
        var gemmOnly = Matrix(rows: 0, columns: 0)
        let tGemm = Self.seconds {
            let zf = Standardised(f)
            let zg = Standardised(g)
            gemmOnly = BLAS.gemm(zg.z, transposeA: true, zf.z)
        }
        let fn = (0..<nf).map { "f\($0)" }
        let gn = (0..<ng).map { "g\($0)" }
        // Each result is dropped after its check, so every mode runs with the same memory
        // (first-touch page faults of the 240 MB outputs are a large share of the time on a VM).
        let all = try Self.run {
            let c = try FeatureGeneCorrelation.compute(
                features: f, featureNames: fn, genes: g, geneNames: gn, method: .pearson)
            #expect(c.r.storage == gemmOnly.storage)
            return c
        }
        gemmOnly = Matrix(rows: 0, columns: 0)
        let bounded = try Self.run {
            try FeatureGeneCorrelation.compute(
                features: f, featureNames: fn, genes: g, geneNames: gn, method: .pearson, pValuesUpTo: 0.05)
        }
        let fast = try Self.run {
            try FeatureGeneCorrelation.compute(
                features: f, featureNames: fn, genes: g, geneNames: gn, method: .pearson, pValuesUpTo: 0.05,
                significantOnly: true)
        }
        #expect(bounded.pairs == all.pairs && fast.pairs == all.pairs)
        print(
            "RADVAULT_CORRELATION_BENCH features=\(nf) genes=\(ng) samples=\(n) r_gemm=\(tGemm) "
                + "r_p_q_total=\(all.wall) r_p_q_total_cpu=\(all.cpu) r_p_q_bounded=\(bounded.wall) "
                + "r_p_q_significant_only=\(fast.wall) r_p_q_significant_only_cpu=\(fast.cpu) "
                + "significant=\(all.pairs.count) peak_mb=\(Self.peakMB())")
    }

    /// Wall and CPU seconds of one correlation run, and its significant pairs at FDR 0.05.
    static func run(
        _ body: () throws -> FeatureGeneCorrelation
    ) rethrows -> (wall: Double, cpu: Double, pairs: [CorrelationPair]) {
        let cpu0 = cpuSeconds()
        var result: FeatureGeneCorrelation?
        let wall = try seconds { result = try body() }
        let cpu = cpuSeconds() - cpu0
        return (wall, cpu, result?.significantPairs(fdr: 0.05) ?? [])
    }
}
