import Testing

@testable import Radiomics

@Test func RadiomicsModuleLoads() {
    #expect(!RadiomicsModule.name.isEmpty || true)
}
