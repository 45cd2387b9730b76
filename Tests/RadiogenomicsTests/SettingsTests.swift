import RadVaultCore
import Testing

@testable import Radiogenomics

@Suite struct SettingsTests {
    @Test func yamlDefaultsAndCanonicalJSON() throws {
        let s = try RadiogenomicsSettings.parseYAML(
            "correlation_method: spearman\nwgcna:\n  deep_split: 3\n  power: 6\nexpression:\n  log2_transform: true\n",
            source: "params.yaml")
        #expect(s.correlationMethod == .spearman)
        #expect(s.wgcna.deepSplit == 3 && s.wgcna.power == 6 && s.wgcna.minModuleSize == 20)
        #expect(s.expression.log2Transform)
        let bytes = try s.canonicalJSON()
        let back = try CanonicalJSON.decode(RadiogenomicsSettings.self, from: bytes)
        #expect(back == s)
        #expect(try back.canonicalJSON() == bytes)
        #expect(try RadiogenomicsSettings.parseYAML("", source: "p.yaml") == RadiogenomicsSettings())
    }

    @Test func outOfRangeNamesTheField() {
        let error = #expect(throws: RadVaultError.self) {
            try RadiogenomicsSettings.parseYAML("wgcna:\n  deep_split: 7\n", source: "params.yaml")
        }
        #expect(error?.message == "params.yaml: wgcna.deep_split is out of range; expected 0…4")
    }

    @Test(arguments: [
        ("wgcna: {minModuleSize: 10}\n", "unknown key 'wgcna.minModuleSize'"),
        ("fdr: 0.1\nfdr_cut: 0.2\n", "unknown key 'fdr_cut'"),
        ("expression: {log2: true}\n", "unknown key 'expression.log2'"),
    ])
    func unknownKeysAreRefusedByName(yaml: String, named: String) {
        let error = #expect(throws: RadVaultError.self) {
            try RadiogenomicsSettings.parseYAML(yaml, source: "params.yaml")
        }
        #expect(error?.message.hasPrefix("params.yaml: \(named); expected one of ") == true)
    }

    @Test func notAMappingIsRefused() {
        let error = #expect(throws: RadVaultError.self) {
            try RadiogenomicsSettings.parseYAML("- a\n- b\n", source: "params.yaml")
        }
        #expect(error?.message == "params.yaml: expected a YAML mapping of radiogenomics settings")
    }
}
