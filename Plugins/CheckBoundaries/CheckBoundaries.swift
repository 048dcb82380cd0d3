import Foundation
import PackagePlugin

/// `swift package check-boundaries`: fails, naming the file and line, when a context depends on or imports
/// anything but Kernel. Read-only, so it declares no write permission. The work is `commerce-boundaries`, which
/// needs the rules alone, so the check does not build the application first.
@main
struct CheckBoundaries: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "commerce-boundaries")
        try run(tool.url, ["--package", context.package.directoryURL.path] + arguments)
    }

    private func run(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("check-boundaries found violations (listed above)")
            throw PluginFailure.toolFailed(process.terminationStatus)
        }
    }
}

enum PluginFailure: Error, CustomStringConvertible {
    case toolFailed(Int32)
    var description: String {
        switch self {
        case .toolFailed(let status): "commerce-boundaries exited with status \(status)"
        }
    }
}
