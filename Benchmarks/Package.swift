// swift-tools-version: 6.2
import PackageDescription

/// The benchmarks, in a package of their own (as swift-nio keeps `Benchmarks/`): their dependencies (sqlite-nio for
/// the old driver-level figure, hdrhistogram, the C ceiling) stay out of the application's build.
///   swift build -c release --package-path Benchmarks && Benchmarks/.build/release/commerce-bench
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "commerce-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "commerce", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // The pay and place statements through the SQLite C API, prepared once: the ceiling the use cases are
        // measured against, in the same run.
        .target(name: "CSQLiteCeiling", path: "Sources/SQLiteCeiling", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "Benchmarks",
            dependencies: [
                "CSQLiteCeiling",
                .product(name: "CommerceSystem", package: "commerce"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Benchmarks",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "commerce-bench",
            dependencies: ["Benchmarks", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/commerce-bench",
            swiftSettings: strict
        ),
        .testTarget(name: "BenchmarkTests", dependencies: ["Benchmarks"], path: "Tests/BenchmarkTests", swiftSettings: strict),
    ]
)
