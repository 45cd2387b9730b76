import Testing

@testable import Modeling

@Test func ModelingModuleLoads() {
    #expect(!ModelingModule.name.isEmpty || true)
}
