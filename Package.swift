// swift-tools-version: 6.2
import PackageDescription

/// Every target of this package compiles in the Swift 6 language mode with complete strict concurrency
/// (the default for tools 6.2) and treats its own warnings as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "commerce",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "commerce", targets: ["commerce"]),
        // For the benchmarks, a package of their own (Benchmarks/), which measures the system through these.
        .library(name: "CommerceSystem", targets: ["Kernel", "Order", "App", "Console", "HTTPServer", "Simulation"]),
    ],
    dependencies: [
        // Storage engines (docs/decisions/0001-storage.md): GRDB for SQLite, postgres-nio for PostgreSQL. (sqlite-nio
        // is a dependency of the benchmarks package only, for the old driver-level figure.)
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // FullFoundation only: the default traits also pull in swift-configuration, and they make Hummingbird
        // rebuild whenever `swift build` and `swift test` alternate (seen on this toolchain).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The HTTP edge's identity and operations.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: Kernel: what every context truly shares.
        // Kernel owns the storage abstraction (Database, Transaction, SQL, SQLDialect); it links no engine.
        .target(name: "Kernel", path: "Sources/Kernel", swiftSettings: strict),

        // MARK: Storage engines: adapters that only the composition root imports.
        .target(
            name: "SQLiteEngine",
            dependencies: ["Kernel", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/Storage/SQLite",
            swiftSettings: strict
        ),
        .target(
            name: "PostgresEngine",
            dependencies: [
                "Kernel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/Storage/PostgreSQL",
            swiftSettings: strict
        ),

        // MARK: Bounded contexts: each depends on Kernel and nothing else.
        .target(name: "Product", dependencies: ["Kernel"], path: "Sources/Contexts/Product", swiftSettings: strict),
        .target(name: "Coupon", dependencies: ["Kernel"], path: "Sources/Contexts/Coupon", swiftSettings: strict),
        .target(name: "Point", dependencies: ["Kernel"], path: "Sources/Contexts/Point", swiftSettings: strict),
        .target(name: "Order", dependencies: ["Kernel"], path: "Sources/Contexts/Order", swiftSettings: strict),
        .target(name: "Payment", dependencies: ["Kernel"], path: "Sources/Contexts/Payment", swiftSettings: strict),
        .target(name: "DataPlatform", dependencies: ["Kernel"], path: "Sources/Contexts/DataPlatform", swiftSettings: strict),

        // MARK: The composition root.
        .target(
            name: "App",
            dependencies: [
                "Kernel", "Product", "Coupon", "Point", "Order", "Payment", "DataPlatform", "SQLiteEngine", "PostgresEngine",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            path: "Sources/App",
            swiftSettings: strict
        ),

        // MARK: Edges.
        // GNU readline. No `pkgConfig: "readline"`: its .pc file makes SwiftPM warn about prohibited flags on every
        // build, and the module map's `link "readline"` is all the linker needs.
        .systemLibrary(
            name: "CReadline",
            path: "Sources/CReadline",
            providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
        ),
        .target(
            name: "Console",
            dependencies: ["App", "Kernel", "Product", "Coupon", "Point", "Order", "Payment", "DataPlatform", "CReadline"],
            path: "Sources/Console",
            swiftSettings: strict
        ),

        .target(
            name: "HTTPServer",
            dependencies: [
                "App", "Kernel", "Product", "Coupon", "Point", "Order", "Payment",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            path: "Sources/HTTPServer",
            // The generated server code is committed (GeneratedSources/), so a fresh clone does not build the
            // generator and its dependencies: `swift package --allow-writing-to-package-directory
            // generate-code-from-openapi --target HTTPServer` regenerates it; CI fails when it is stale. The
            // document and the generator's configuration stay in the target for that command to find.
            resources: [.copy("openapi.yaml"), .copy("openapi-generator-config.yaml")],
            swiftSettings: strict
        ),
        .target(
            name: "DataPlatformWebhook",
            dependencies: ["DataPlatform", "Kernel", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Sources/Adapters/DataPlatformWebhook",
            swiftSettings: strict
        ),

        // MARK: The simulator: a seeded shop under faults, checked by an oracle (`commerce simulate`).
        .target(
            name: "Simulation",
            dependencies: ["App", "Console", "Kernel", "Product", "Coupon", "Point", "Order", "Payment", "DataPlatform"],
            path: "Sources/Simulation",
            swiftSettings: strict
        ),

        // MARK: Tools for the people working on the package.
        .target(name: "ArchitectureRules", path: "Sources/Tools/ArchitectureRules", swiftSettings: strict),
        .target(
            name: "Documentation",
            dependencies: ["App", "Console", "Kernel", "ArchitectureRules"],
            path: "Sources/Tools/Documentation",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "commerce-boundaries", dependencies: ["ArchitectureRules"], path: "Sources/Tools/commerce-boundaries",
            swiftSettings: strict),
        .executableTarget(
            name: "commerce-devtools",
            dependencies: [
                "ArchitectureRules", "Documentation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/Tools/commerce-devtools",
            swiftSettings: strict
        ),

        // MARK: Package plugins (thin: the work is commerce-devtools).
        .plugin(
            name: "CheckBoundaries",
            capability: .command(
                intent: .custom(verb: "check-boundaries", description: "Fail when a context depends on or imports anything but Kernel.")),
            dependencies: ["commerce-boundaries"],
            path: "Plugins/CheckBoundaries"
        ),
        .plugin(
            name: "SequenceDiagrams",
            capability: .command(
                intent: .custom(
                    verb: "sequence-diagrams",
                    description: "Redraw docs/sequences/ from the scenarios' traces and docs/modules.md from the package graph."),
                permissions: [.writeToPackageDirectory(reason: "It writes docs/sequences/*.md and docs/modules.md.")]),
            dependencies: ["commerce-devtools"],
            path: "Plugins/SequenceDiagrams"
        ),

        // MARK: The executable.
        .executableTarget(
            name: "commerce",
            dependencies: [
                "App", "Console", "Kernel", "HTTPServer", "DataPlatformWebhook", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Sources/commerce",
            swiftSettings: strict
        ),

        // MARK: Tests, one target per module.
        .target(
            name: "TestSupport", dependencies: ["Kernel", "SQLiteEngine", "PostgresEngine"], path: "Tests/Support",
            swiftSettings: strict),
        .testTarget(
            name: "ConsoleTests", dependencies: ["Console", "App", "Kernel", "TestSupport", "commerce"], path: "Tests/ConsoleTests",
            resources: [.copy("Rejected")], swiftSettings: strict),
        .testTarget(
            name: "KernelTests", dependencies: ["Kernel", "SQLiteEngine", "PostgresEngine", "TestSupport"], path: "Tests/KernelTests",
            swiftSettings: strict),
        .testTarget(
            name: "ProductTests", dependencies: ["Product", "Kernel", "TestSupport"], path: "Tests/ProductTests",
            swiftSettings: strict),
        .testTarget(
            name: "CouponTests", dependencies: ["Coupon", "Kernel", "TestSupport"], path: "Tests/CouponTests",
            swiftSettings: strict),
        .testTarget(
            name: "PointTests", dependencies: ["Point", "Kernel", "TestSupport"], path: "Tests/PointTests",
            swiftSettings: strict),
        .testTarget(
            name: "OrderTests", dependencies: ["Order", "Kernel", "TestSupport"], path: "Tests/OrderTests",
            swiftSettings: strict),
        .testTarget(
            name: "PaymentTests", dependencies: ["Payment", "Kernel", "TestSupport"], path: "Tests/PaymentTests",
            swiftSettings: strict),
        .testTarget(
            name: "DataPlatformTests", dependencies: ["DataPlatform", "Kernel", "TestSupport"],
            path: "Tests/DataPlatformTests", swiftSettings: strict),
        .testTarget(
            name: "AppTests",
            dependencies: ["App", "Kernel", "Product", "Coupon", "Point", "Order", "Payment", "DataPlatform", "TestSupport"],
            path: "Tests/AppTests", swiftSettings: strict),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: [
                "HTTPServer", "App", "Kernel", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            path: "Tests/HTTPServerTests", swiftSettings: strict),
        .testTarget(
            name: "WebhookTests",
            dependencies: [
                "DataPlatformWebhook", "DataPlatform", "Kernel", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/WebhookTests", swiftSettings: strict),
        .testTarget(
            name: "SimulationTests", dependencies: ["Simulation", "App", "Console", "Kernel", "TestSupport"],
            path: "Tests/SimulationTests", swiftSettings: strict),
        .testTarget(
            name: "ArchitectureTests",
            dependencies: ["ArchitectureRules", "Documentation", "TestSupport"],
            path: "Tests/ArchitectureTests",
            swiftSettings: strict
        ),
    ]
)
