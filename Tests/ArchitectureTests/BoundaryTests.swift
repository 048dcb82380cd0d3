import ArchitectureRules
import Foundation
import Testing

@Suite struct BoundaryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func thisPackageKeepsItsBoundaries() throws {
        let violations = try BoundaryRules().check(packageRoot: Self.packageRoot)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    @Test func theRealGraphHasTheContexts() throws {
        let graph = try PackageGraph.load(packageRoot: Self.packageRoot)
        let contexts = graph.targets.filter { $0.path.hasPrefix("Sources/Contexts/") }.map(\.name)
        #expect(Set(contexts).isSuperset(of: ["Product", "Coupon", "Point"]))
        #expect(graph.targets.first { $0.name == "Product" }?.targetDependencies == ["Kernel"])
    }

    /// A graph like ours with one planted dependency and one planted import.
    @Test func aPlantedViolationIsCaught() {
        let graph = PackageGraph(targets: [
            .init(name: "Kernel", path: "Sources/Kernel", type: "regular", targetDependencies: []),
            .init(name: "Product", path: "Sources/Contexts/Product", type: "regular", targetDependencies: ["Kernel"]),
            .init(
                name: "Order", path: "Sources/Contexts/Order", type: "regular", targetDependencies: ["Kernel", "Product"],
                productDependencies: ["swift-log/Logging"]),
        ])
        let source = """
            import Foundation
            @testable import Kernel
            import struct Product.StockLine
            """
        let imports = ["Order": ImportLine.parse(source, file: "Sources/Contexts/Order/PlaceOrder.swift")]
        let violations = BoundaryRules().check(graph, imports: imports)
        #expect(
            violations.map(\.description) == [
                "Package.swift: error: context Order depends on Product; a context may depend on Kernel only",
                "Package.swift: error: context Order depends on the product swift-log/Logging; a context may depend on Kernel only",
                "Sources/Contexts/Order/PlaceOrder.swift:3: error: context Order imports Product; a context may import Kernel only",
            ])
    }

    @Test func kernelMustNotReachAContext() {
        let graph = PackageGraph(targets: [
            .init(name: "Kernel", path: "Sources/Kernel", type: "regular", targetDependencies: ["Coupon"]),
            .init(name: "Coupon", path: "Sources/Contexts/Coupon", type: "regular", targetDependencies: ["Kernel"]),
        ])
        let imports = ["Kernel": ImportLine.parse("import Coupon\n", file: "Sources/Kernel/X.swift")]
        #expect(BoundaryRules().check(graph, imports: imports).map(\.location) == ["Package.swift", "Sources/Kernel/X.swift:1"])
    }

    @Test func readsDumpPackageJSON() throws {
        let json = """
            {"targets":[{"name":"Order","path":"Sources/Contexts/Order","type":"regular","dependencies":[
              {"byName":["Kernel",null]},{"target":["Product",null]},{"product":["Logging","swift-log",null,null]}]},
              {"name":"KernelTests","path":null,"type":"test","dependencies":[]}]}
            """
        let graph = try PackageGraph(dumpPackageJSON: Data(json.utf8))
        #expect(
            graph.targets[0]
                == .init(
                    name: "Order", path: "Sources/Contexts/Order", type: "regular", targetDependencies: ["Kernel", "Product"],
                    productDependencies: ["swift-log/Logging"]))
        #expect(graph.targets[1].path == "Tests/KernelTests")
    }

    @Test func parsesEveryImportForm() {
        let source = """
            import Kernel
            @_exported import SQLKit
            @preconcurrency import CReadline
            import enum Coupon.CouponStatus
            // import Commented
            let importantValue = 1
            #if canImport(Glibc)
                import Glibc
            #endif
            """
        #expect(ImportLine.parse(source, file: "F.swift").map(\.module) == ["Kernel", "SQLKit", "CReadline", "Coupon", "Glibc"])
    }
}
