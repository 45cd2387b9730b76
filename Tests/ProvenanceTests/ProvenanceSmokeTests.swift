import Testing

@testable import Provenance

@Test func ProvenanceModuleLoads() {
    #expect(!ProvenanceModule.name.isEmpty || true)
}
