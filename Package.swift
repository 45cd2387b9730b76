// swift-tools-version: 6.1
// RadVault — a reproducible study archive for radiomics and radiogenomics.
// Layering (see DESIGN.md): arrows point down only; only Imaging, LinearAlgebra and
// ArchiveStore import a C module; only ArchiveStore imports GRDB.
import PackageDescription

let package = Package(
    name: "RadVault",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "radvault", targets: ["radvault"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", "5.0.0"..<"7.0.0"),
    ],
    targets: [
        // C bridges
        // Headers only: libgit2 is opened on first use (ArchiveStore/Manifests/LibGit2.swift).
        .systemLibrary(name: "CLibGit2", providers: [.apt(["libgit2-dev"])]),
        // zlib: `verify` reads the manifests' loose git objects itself (ArchiveStore/Manifests/GitLooseObjects.swift).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CNIfTI",
            linkerSettings: [.linkedLibrary("nifti2"), .linkedLibrary("znz"), .linkedLibrary("z"), .linkedLibrary("m")]
        ),

        // Core and analysis modules (pure functions of inputs and parameters)
        .target(
            name: "RadVaultCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The git commit of the build, stamped into the radvault executable (BuildInfo.gitCommit).
        .executableTarget(name: "radvault-build-stamp"),
        .plugin(name: "BuildStamp", capability: .buildTool(), dependencies: ["radvault-build-stamp"]),
        .target(name: "Imaging", dependencies: ["RadVaultCore", "CNIfTI"]),
        // OpenBLAS and LAPACKE are opened on first use (LinearAlgebra/OpenBLASLibrary.swift), not
        // linked: most commands never multiply matrices and should not pay for loading them.
        .target(name: "LinearAlgebra", dependencies: ["RadVaultCore"]),
        .target(
            name: "Radiomics",
            dependencies: ["RadVaultCore", "Imaging", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/ibsi")]
        ),
        .target(name: "Modeling", dependencies: ["RadVaultCore", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "Radiogenomics",
            dependencies: ["RadVaultCore", "LinearAlgebra", "Modeling", .product(name: "Yams", package: "Yams")]
        ),

        // Storage, provenance, replay
        .target(
            name: "ArchiveStore",
            dependencies: [
                "RadVaultCore", "CLibGit2", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Provenance", dependencies: ["RadVaultCore", "ArchiveStore"]),
        .target(
            name: "Replay",
            dependencies: [
                "RadVaultCore", "ArchiveStore", "Provenance", "Imaging", "Radiomics", "Modeling",
                "Radiogenomics", "LinearAlgebra",
            ]
        ),

        // Command line
        .target(
            name: "RadVaultCLI",
            dependencies: [
                "RadVaultCore", "ArchiveStore", "Provenance", "Replay", "Imaging", "Radiomics", "Modeling",
                "Radiogenomics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "radvault", dependencies: ["RadVaultCLI"], plugins: ["BuildStamp"]),
        // Benchmark harness for bench/extract_vs_pyradiomics.sh (times Extractor.extract).
        .executableTarget(
            name: "radiomics-bench", dependencies: ["Radiomics", "Imaging", "RadVaultCore"], path: "bench/RadiomicsBench"
        ),

        // Tests
        .target(name: "RadVaultTestSupport", dependencies: ["RadVaultCore"], path: "Sources/RadVaultTestSupport"),
        .testTarget(name: "RadVaultCoreTests", dependencies: ["RadVaultCore", "RadVaultTestSupport"]),
        .testTarget(
            name: "ImagingTests", dependencies: ["Imaging", "RadVaultTestSupport"], resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "RadVaultTestSupport"]),
        .testTarget(
            name: "RadiomicsTests",
            dependencies: ["Radiomics", "Imaging", "RadVaultTestSupport"]
        ),
        .testTarget(
            name: "ModelingTests",
            dependencies: ["Modeling", "RadVaultTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RadiogenomicsTests",
            dependencies: ["Radiogenomics", "LinearAlgebra", "Modeling", "RadVaultTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "ArchiveStoreTests", dependencies: ["ArchiveStore", "RadVaultTestSupport"]),
        .testTarget(name: "ProvenanceTests", dependencies: ["Provenance", "ArchiveStore", "RadVaultTestSupport"]),
        .testTarget(
            name: "ReplayTests",
            dependencies: ["Replay", "ArchiveStore", "RadVaultTestSupport"]
        ),
        .testTarget(
            name: "RadVaultCLITests",
            dependencies: ["RadVaultCLI", "ArchiveStore", "RadVaultTestSupport", "radvault"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
