import Testing

@testable import Replay

@Test func ReplayModuleLoads() {
    #expect(!ReplayModule.name.isEmpty || true)
}
