import Testing

@testable import Imaging

@Test func gridIndexIsXFastest() {
    let g = Grid(nx: 3, ny: 4, nz: 5, spacing: SIMD3(1, 1, 2))
    #expect(g.index(1, 2, 3) == 1 + 3 * (2 + 4 * 3))
    #expect(g.count == 60)
    #expect(g.voxelVolume == 2)
}
