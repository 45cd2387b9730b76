import Testing

@testable import Radiogenomics

@Test func RadiogenomicsModuleLoads() {
    #expect(!RadiogenomicsModule.name.isEmpty || true)
}
