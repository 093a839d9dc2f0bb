// swift-tools-version: 6.0
import PackageDescription

// Warnings fail debug builds (the test command builds debug).
let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"], .when(configuration: .debug))]

let package = Package(
    name: "Paranom",
    products: [
        .library(name: "Paranom", targets: ["Paranom"]),
        .library(name: "ParanomCLI", targets: ["ParanomCLI"]),
        .executable(name: "paranom", targets: ["paranom"]),
        .executable(name: "paranom-valve", targets: ["paranom-valve"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // glibc's <malloc.h>, for the command line's malloc tuning.
        .systemLibrary(name: "CMalloc"),
        .target(name: "Paranom", dependencies: ["CSQLite", "CZstd"], swiftSettings: strict),
        .target(name: "ParanomCLI", dependencies: ["Paranom", "CMalloc"], swiftSettings: strict),
        .executableTarget(name: "paranom", dependencies: ["ParanomCLI"], swiftSettings: strict),
        // An example program with callback variables, embedding the command line.
        .executableTarget(name: "paranom-valve", dependencies: ["ParanomCLI", "Paranom"], path: "Examples/paranom-valve",
                          swiftSettings: strict),
        .testTarget(name: "ParanomTests", dependencies: ["Paranom"], swiftSettings: strict),
        .testTarget(name: "ParanomCLITests", dependencies: ["ParanomCLI", "Paranom"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
