import Foundation

/// The targets of a package and what each depends on, read from `swift package dump-package`.
public struct PackageGraph: Sendable, Equatable {
    public struct Target: Sendable, Equatable {
        /// The target's name, which is also its module name.
        public let name: String
        /// Its folder relative to the package root.
        public let path: String
        /// `regular`, `executable`, `test`, `plugin`, `system`, ...
        public let type: String
        /// The names of the targets it depends on inside the package.
        public let targetDependencies: [String]
        /// The products of other packages it depends on, as `package/product`.
        public let productDependencies: [String]

        public init(name: String, path: String, type: String, targetDependencies: [String], productDependencies: [String] = []) {
            self.name = name
            self.path = path
            self.type = type
            self.targetDependencies = targetDependencies
            self.productDependencies = productDependencies
        }
    }

    /// The targets, in the order the manifest lists them.
    public let targets: [Target]

    /// A graph of these targets.
    public init(targets: [Target]) { self.targets = targets }

    /// Reads the JSON printed by `swift package dump-package`.
    public init(dumpPackageJSON data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let targets = root["targets"] as? [[String: Any]]
        else { throw GraphError.unreadable("no targets in the package description") }
        self.targets = try targets.map { target in
            guard let name = target["name"] as? String else { throw GraphError.unreadable("a target without a name") }
            let type = target["type"] as? String ?? "regular"
            let defaultPath = (type == "test" ? "Tests/" : type == "plugin" ? "Plugins/" : "Sources/") + name
            var internalDependencies: [String] = [], products: [String] = []
            for dependency in target["dependencies"] as? [[String: Any]] ?? [] {
                if let byName = (dependency["byName"] ?? dependency["target"]) as? [Any], let dependencyName = byName.first as? String {
                    internalDependencies.append(dependencyName)
                } else if let product = dependency["product"] as? [Any], let productName = product.first as? String {
                    products.append("\(product.dropFirst().first as? String ?? "?")/\(productName)")
                }
            }
            return Target(
                name: name, path: target["path"] as? String ?? defaultPath, type: type,
                targetDependencies: internalDependencies, productDependencies: products)
        }
    }

    /// Runs `swift package dump-package` in `packageRoot` and reads its output.
    public static func load(packageRoot: URL) throws -> PackageGraph {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // A scratch path of its own keeps it off the lock of a build that may be running (`swift test`).
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("commerce-dump-\(UUID().uuidString)")
        process.arguments = ["swift", "package", "--scratch-path", scratch.path, "dump-package"]
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: scratch)
        guard process.terminationStatus == 0 else {
            throw GraphError.unreadable("swift package dump-package exited with \(process.terminationStatus)")
        }
        return try PackageGraph(dumpPackageJSON: data)
    }
}

/// Why a package graph could not be read.
public enum GraphError: Error, Sendable, CustomStringConvertible {
    /// The description was missing or malformed.
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read the package graph: \(why)"
        }
    }
}
