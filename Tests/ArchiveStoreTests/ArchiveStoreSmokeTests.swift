import Testing

@testable import ArchiveStore

@Test func ArchiveStoreModuleLoads() {
    #expect(!ArchiveStoreModule.name.isEmpty || true)
}
