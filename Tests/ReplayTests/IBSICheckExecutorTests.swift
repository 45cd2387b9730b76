import ArchiveStore
import Foundation
import RadVaultCore
import RadVaultTestSupport
import Radiomics
import Replay
import Testing

/// The `ibsi-check` executor's params: the bundled reference data by digest, so that a run's
/// identity follows the data, and params naming other data are refused before any work.
@Suite struct IBSICheckExecutorTests {
    static let bundled = TestSupport.repositoryRoot.appendingPathComponent("Sources/Radiomics/Resources/ibsi")

    static func digest(_ relative: String) throws -> JSONValue {
        .string(Digest.of(try Data(contentsOf: bundled.appendingPathComponent(relative))).description)
    }

    @Test func paramsNameTheBundledFilesByDigest() throws {
        let params = try IBSICheckExecutor.params()
        #expect(try IBSICheckExecutor.params() == params)
        let document = try CanonicalJSON.parse(params)
        #expect(document["reference_values"] == (try Self.digest("ibsi1_reference_values.csv")))
        let benchmarks = document["benchmarks"]?.arrayValue ?? []
        #expect(benchmarks.map { $0["config"]?.stringValue ?? "?" } == ["", "A", "B", "C", "D", "E"])
        #expect(benchmarks.first?["image"] == (try Self.digest("digital_phantom/image.nii.gz")))
        #expect(benchmarks.last?["mask"] == (try Self.digest("ct_phantom/mask.nii.gz")))
        // The document holds the parsed form of the canonical settings (25.0 read back as 25).
        let settings = try #require(benchmarks.last?["settings"])
        let configE = try CanonicalJSON.parse(CanonicalJSON.bytes(IBSIBenchmark.configE.settings.canonicalJSON))
        #expect(settings == configE)
    }

    @Test func theRunIdentityFollowsTheReferenceDataAndTheVersion() throws {
        let executor = IBSICheckExecutor()
        let params = try CanonicalJSON.parse(try IBSICheckExecutor.params())
        guard case .object(var other) = params else {
            Issue.record("ibsi-check params are not an object")
            return
        }
        other["reference_values"] = .string(Digest.of(string: "other reference values").description)
        func spec(_ document: JSONValue, version: String) throws -> Digest {
            try RunRecord.specificationDigest(
                kind: executor.kind, executor: executor.name, executorVersion: version, inputs: [],
                params: CanonicalJSON.digest(document))
        }
        let current = try spec(params, version: executor.version)
        #expect(try spec(.object(other), version: executor.version) != current)
        #expect(try spec(params, version: "1") != current)
    }

    @Test func paramsNamingOtherDataAreRefusedByField() throws {
        let params = try CanonicalJSON.parse(try IBSICheckExecutor.params())
        guard case .object(var other) = params, var benchmarks = other["benchmarks"]?.arrayValue,
            case .object(var configD) = benchmarks[4], case .object(var configE) = benchmarks[5],
            case .object(var settingsE)? = configE["settings"]
        else {
            Issue.record("ibsi-check params are not {benchmarks: [...]}")
            return
        }
        let changed = Digest.of(string: "other reference values").description
        other["reference_values"] = .string(changed)
        configD["image"] = .string(changed)
        benchmarks[4] = .object(configD)
        settingsE["round_intensities"] = .bool(false)
        configE["settings"] = .object(settingsE)
        benchmarks[5] = .object(configE)
        other["benchmarks"] = .array(benchmarks)
        let bytes = Data(CanonicalJSON.bytes(.object(other)))
        let error = try #require(throws: RadVaultError.self) {
            try IBSICheckExecutor().execute(inputs: [:], params: bytes)
        }
        #expect(error.code == .unsupported)
        #expect(error.message.contains("reference_values: recorded \"\(changed)\""))
        #expect(error.message.contains("benchmark ct/D image: recorded \"\(changed)\""))
        #expect(error.message.contains("benchmark ct/E settings: recorded a document with digest sha256:"))
        #expect(!error.message.contains("benchmark ct/A"))
        #expect(error.message.hasSuffix("expected the bundled data"))
        let garbage = try #require(throws: RadVaultError.self) {
            try IBSICheckExecutor().execute(inputs: [:], params: Data("not json".utf8))
        }
        #expect(garbage.message.hasPrefix("ibsi-check params: expected a radvault.ibsi-check/1 JSON document"))
    }
}
