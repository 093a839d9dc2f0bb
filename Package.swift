// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.unsafeFlags(["-warnings-as-errors"], .when(configuration: .debug))]

let package = Package(
    name: "Paranom",
    products: [
        .library(name: "Paranom", targets: ["Paranom"]),
        .library(name: "ParanomCLI", targets: ["ParanomCLI"]),
        .executable(name: "paranom", targets: ["paranom"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "Paranom", dependencies: ["CSQLite", "CZstd"]),
        .target(name: "ParanomCLI", dependencies: ["Paranom"]),
        .executableTarget(name: "paranom", dependencies: ["ParanomCLI"]),
        .testTarget(name: "ParanomTests", dependencies: ["Paranom"]),
        .testTarget(name: "ParanomCLITests", dependencies: ["ParanomCLI", "Paranom"]),
    ],
    swiftLanguageModes: [.v6]
)
