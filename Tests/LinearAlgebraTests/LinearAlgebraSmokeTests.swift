import Testing

@testable import LinearAlgebra

@Test func LinearAlgebraModuleLoads() {
    #expect(!LinearAlgebraModule.name.isEmpty || true)
}
