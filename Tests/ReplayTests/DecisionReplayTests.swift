import Foundation
import RadVaultCore
import RadVaultTestSupport
import Replay
import Testing

/// The discrete choices a replay reports with the real model and radiogenomics executors: a
/// stored `decisions` output is tampered with (as a run recorded on another machine would differ)
/// and the replay names the feature that entered or left the LASSO selection, the gene that
/// crossed the FDR cut, the hub gene and the module change, each with its distance to the cut.
struct DecisionReplayTests {
    /// Records `executor`'s real outputs for `inputs`, the `decisions` output edited by `tamper`,
    /// then replays that run.
    static func replayTampered(
        _ executor: any Executor, inputs: [String: Data], params: Data,
        tamper: (inout [String: JSONValue]) throws -> Void
    ) throws -> RunReplay {
        var blobs = InMemoryBlobSource()
        var outputs = try executor.execute(inputs: inputs, params: params)
        guard case .object(var doc) = try CanonicalJSON.parse(outputs["decisions"] ?? Data()) else {
            throw RadVaultError.internalError("decisions output is not an object")
        }
        try tamper(&doc)
        outputs["decisions"] = Data(CanonicalJSON.bytes(.object(doc)))
        let run = RecordedRun(
            id: "sha256:" + String(repeating: "cd", count: 32), kind: executor.kind, executorName: executor.name,
            executorVersion: executor.version, inputs: inputs.mapValues { blobs.put($0) }, params: blobs.put(params),
            outputs: outputs.mapValues { blobs.put($0) })
        let scratch = try TestSupport.temporaryDirectory("replay-scratch")
        defer { try? FileManager.default.removeItem(at: scratch) }
        return Replayer(registry: ExecutorRegistry([executor]), blobs: blobs, scratchRoot: scratch).replay(run)
    }

    static func object(_ v: JSONValue?) -> [String: JSONValue] { v?.objectValue ?? [:] }

    @Test func featureEnteringOrLeavingTheLassoSelectionIsNamedWithItsDistance() throws {
        var kept = ""
        var keptCoefficient = 0.0
        let r = try Self.replayTampered(
            ModelExecutor(), inputs: AnalysisExecutorTests.modelInputs(),
            params: try AnalysisExecutorTests.modelParams()
        ) { doc in
            var selected = Self.object(doc["selected"])
            let first = try #require(selected.keys.sorted().first)
            kept = first
            keptCoefficient = try #require(selected[first]?.doubleValue)
            // Recorded without the first selected feature, and with feat_29 selected at 0.003.
            selected[first] = nil
            selected["feat_29"] = .number(0.003)
            doc["selected"] = .object(selected)
        }
        #expect(r.verdict == .different)
        let moved = r.differences.compactMap(\.decision).filter { $0.rule == "lasso_selected" }
        #expect(moved.map(\.item) == [kept, "feat_29"].sorted())
        let entered = try #require(moved.first { $0.item == kept })
        #expect(entered.change == .entered)
        #expect(entered.threshold == 0)
        #expect(entered.distance == abs(keptCoefficient))
        let left = try #require(moved.first { $0.item == "feat_29" })
        #expect(left.change == .left)
        #expect(left.distance == 0.003)
        let json = try #require(r.json["differences"]?.arrayValue?.first { $0["item"] == .string("feat_29") })
        #expect(json["distance_to_threshold"] == .number(0.003))
        #expect(json["rule"] == .string("lasso_selected"))
    }

    @Test func geneCrossingTheFDRCutHubAndModuleChangesAreNamedWithDistances() throws {
        let inputs = [
            "genes": Data(SyntheticStudy.genesCSV().utf8), "features": Data(SyntheticStudy.featuresCSV().utf8),
            "genesets": Data(SyntheticStudy.gmt().utf8),
        ]
        var moduleGene = ""
        var recordedModule = JSONValue.null
        let r = try Self.replayTampered(
            RadiogenomicsExecutor(), inputs: inputs, params: Data(SyntheticStudy.radiogenomicsYAML.utf8)
        ) { doc in
            // Recorded: feat_07–G150 significant with q 0.004 under the cut; G151 a hub of module 1
            // for feat_07 with a margin of 0.02; the first gene in another module.
            var significant = Self.object(doc["significant"])
            var pairs = Self.object(significant["feat_07"])
            pairs["G150"] = .number(-0.004)
            significant["feat_07"] = .object(pairs)
            doc["significant"] = .object(significant)
            doc["hubs"] = .object(["1": .object(["feat_07": .object(["G151": .number(0.02)])])])
            var modules = Self.object(doc["modules"])
            moduleGene = try #require(modules.keys.sorted().first)
            recordedModule = .int(Int64((modules[moduleGene]?.intValue ?? 0) + 100))
            modules[moduleGene] = recordedModule
            doc["modules"] = .object(modules)
        }
        #expect(r.verdict == .different)
        let decisions = r.differences.compactMap(\.decision)
        let fdr = try #require(decisions.first { $0.rule == "fdr_significant" && $0.item == "feat_07/G150" })
        #expect(fdr.change == .left)
        #expect(fdr.distance == 0.004)
        let hub = try #require(decisions.first { $0.rule == "hub_gene" && $0.item == "1/feat_07/G151" })
        #expect(hub.change == .left)
        #expect(hub.distance == 0.02)
        let module = try #require(decisions.first { $0.rule == "module" && $0.item == moduleGene })
        #expect(module.change == .relabelled)
        #expect(module.recordedLabel == recordedModule)
        #expect(module.replayedLabel != recordedModule)
        // The text report says what moved, from what to what, and how far from the cut.
        let text = ReplayReport(runs: [r]).text(limit: 1000)
        #expect(
            text.contains(
                "decision decisions feat_07/G150: 'feat_07/G150' left fdr_significant in the replay [0.004 from the threshold]"
            ), "\(text)")
        let label = CanonicalJSON.string(recordedModule)
        let replayedLabel = module.replayedLabel.map { CanonicalJSON.string($0) } ?? "none"
        #expect(text.contains("'\(moduleGene)' changed module (\(label) → \(replayedLabel))"), "\(text)")
    }

    @Test func topHubsCarryTheirMarginToTheCutAndAMovedOneIsNamedWithIt() throws {
        let inputs = [
            "genes": Data(SyntheticStudy.genesCSV().utf8), "features": Data(SyntheticStudy.featuresCSV().utf8),
        ]
        let params = Data(SyntheticStudy.radiogenomicsYAML.utf8)
        let out = try RadiogenomicsExecutor().execute(inputs: inputs, params: params)
        // The top hubs are the hub_genes rows without a trait, each with a margin ≥ 0.
        let rows = try CanonicalJSON.parse(out["hub_genes"] ?? Data()).arrayValue ?? []
        let expected = Set(
            rows.filter { $0["trait"] == nil || $0["trait"] == .null }.compactMap { r -> String? in
                guard let m = r["module"]?.intValue, let g = r["gene"]?.stringValue else { return nil }
                return "\(m)/\(g)"
            })
        let top = Self.object(try CanonicalJSON.parse(out["decisions"] ?? Data())["top_hubs"])
        var found = Set<String>()
        for (module, genes) in top {
            for (gene, margin) in Self.object(genes) {
                found.insert("\(module)/\(gene)")
                #expect((margin.doubleValue ?? -1) >= 0, "\(module)/\(gene)")
            }
        }
        #expect(!expected.isEmpty)
        #expect(found == expected)

        var dropped = ""
        var droppedMargin = 0.0
        let r = try Self.replayTampered(RadiogenomicsExecutor(), inputs: inputs, params: params) { doc in
            var hubs = Self.object(doc["top_hubs"])
            let module = try #require(hubs.keys.sorted().first)
            var genes = Self.object(hubs[module])
            let gene = try #require(genes.keys.sorted().first)
            dropped = "\(module)/\(gene)"
            droppedMargin = try #require(genes[gene]?.doubleValue)
            genes[gene] = nil
            hubs[module] = .object(genes)
            doc["top_hubs"] = .object(hubs)
        }
        let moved = try #require(r.differences.compactMap(\.decision).first { $0.rule == "top_hub" })
        #expect(moved.item == dropped)
        #expect(moved.change == .entered)
        #expect(moved.distance == droppedMargin)
    }
}
