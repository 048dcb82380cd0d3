import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory sequence-diagrams`: runs every scenario with tracing on
/// and writes docs/sequences/ (one page per scenario, an index beside the seed's diagrams) and docs/modules.md.
/// `-- --check` writes nothing and fails when the committed files are stale. The work is `commerce-devtools`.
@main
struct SequenceDiagrams: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "commerce-devtools")
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["docs", "--package", context.package.directoryURL.path] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Diagnostics.error("sequence-diagrams failed (see above)")
            throw DocsFailure(status: process.terminationStatus)
        }
    }
}

struct DocsFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { "commerce-devtools exited with status \(status)" }
}
