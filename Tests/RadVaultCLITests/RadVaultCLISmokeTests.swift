import Testing

@testable import RadVaultCLI

@Test func RadVaultCLIModuleLoads() {
    #expect(!RadVaultCLIModule.name.isEmpty || true)
}
