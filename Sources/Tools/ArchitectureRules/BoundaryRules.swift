import Foundation

/// A broken architecture rule, located as precisely as the evidence allows.
public struct BoundaryViolation: Sendable, Equatable, CustomStringConvertible {
    /// `FILE:LINE` for an import, `Package.swift` for a declared dependency.
    public let location: String
    /// What is wrong, naming both modules.
    public let message: String

    public init(location: String, message: String) {
        self.location = location
        self.message = message
    }

    /// `location: error: message`, the form compilers and editors understand.
    public var description: String { "\(location): error: \(message)" }
}

/// The modular monolith's rules (README, "How it is built"): a context depends on and imports Kernel and nothing else
/// of ours or of other packages; Kernel never reaches a context.
public struct BoundaryRules: Sendable {
    /// Where the contexts live; every target under it is a bounded context.
    public var contextsFolder = "Sources/Contexts/"
    /// The one module contexts may use.
    public var kernel = "Kernel"
    /// Modules of the toolchain that any code may import.
    public var systemModules: Set<String> = [
        "Swift", "Foundation", "FoundationEssentials", "Synchronization", "Dispatch", "Glibc", "Musl", "Darwin",
        "_Concurrency",
    ]

    public init() {}

    /// The violations in a package graph and the import lines of its targets' sources.
    public func check(_ graph: PackageGraph, imports: [String: [ImportLine]]) -> [BoundaryViolation] {
        let contexts = graph.targets.filter { $0.path.hasPrefix(contextsFolder) }
        let contextNames = Set(contexts.map(\.name))
        var violations: [BoundaryViolation] = []
        for context in contexts {
            for dependency in context.targetDependencies where dependency != kernel {
                violations.append(
                    BoundaryViolation(
                        location: "Package.swift",
                        message: "context \(context.name) depends on \(dependency); a context may depend on \(kernel) only"))
            }
            for product in context.productDependencies {
                violations.append(
                    BoundaryViolation(
                        location: "Package.swift",
                        message: "context \(context.name) depends on the product \(product); a context may depend on \(kernel) only"))
            }
            for line in imports[context.name] ?? [] where line.module != kernel && !systemModules.contains(line.module) {
                violations.append(
                    BoundaryViolation(
                        location: "\(line.file):\(line.line)",
                        message: "context \(context.name) imports \(line.module); a context may import \(kernel) only"))
            }
        }
        if let kernelTarget = graph.targets.first(where: { $0.name == kernel }) {
            for dependency in kernelTarget.targetDependencies where contextNames.contains(dependency) {
                violations.append(
                    BoundaryViolation(
                        location: "Package.swift", message: "\(kernel) depends on the context \(dependency)"))
            }
            for line in imports[kernel] ?? [] where contextNames.contains(line.module) {
                violations.append(
                    BoundaryViolation(
                        location: "\(line.file):\(line.line)", message: "\(kernel) imports the context \(line.module)"))
            }
        }
        return violations
    }

    /// Checks the package at `packageRoot` as it is on disk.
    public func check(packageRoot: URL) throws -> [BoundaryViolation] {
        let graph = try PackageGraph.load(packageRoot: packageRoot)
        let checked = graph.targets.filter { $0.path.hasPrefix(contextsFolder) || $0.name == kernel }
        var imports: [String: [ImportLine]] = [:]
        for target in checked { imports[target.name] = ImportLine.scan(directory: target.path, packageRoot: packageRoot) }
        return check(graph, imports: imports)
    }
}
