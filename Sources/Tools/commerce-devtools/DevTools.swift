import ArchitectureRules
import ArgumentParser
import Documentation
import Foundation

/// The work behind the package plugins, as an ordinary executable so it can be tested and run by hand:
/// `swift run commerce-devtools check-boundaries` / `docs`.
@main
struct DevTools: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commerce-devtools",
        abstract: "Architecture checks and generated documentation for the commerce package.",
        subcommands: [CheckBoundaries.self, Docs.self])
}

struct PackageOption: ParsableArguments {
    @Option(help: ArgumentHelp("The package root (default: the working directory).", valueName: "path"))
    var package: String = FileManager.default.currentDirectoryPath

    var root: URL { URL(fileURLWithPath: package) }
}

/// Fails, naming the file and line, when a context depends on or imports anything but Kernel.
struct CheckBoundaries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-boundaries", abstract: "Fail when a context depends on or imports anything but Kernel.")

    @OptionGroup var options: PackageOption

    func run() async throws {
        let violations = try BoundaryRules().check(packageRoot: options.root)
        for violation in violations { print(violation) }
        guard violations.isEmpty else {
            print("\(violations.count) boundary violation\(violations.count == 1 ? "" : "s")")
            throw ExitCode.failure
        }
        print("boundaries hold: every context depends on and imports Kernel only")
    }
}

/// Writes (or, with --check, verifies) docs/sequences/ and docs/modules.md.
struct Docs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Redraw docs/sequences/*.md from the scenarios and docs/modules.md from the package graph.")

    @OptionGroup var options: PackageOption

    @Flag(help: "Write nothing; fail when a generated file differs from what is on disk.")
    var check = false

    func run() async throws {
        let files = try await SequenceDocs.files(packageRoot: options.root, graph: try PackageGraph.load(packageRoot: options.root))
        var stale: [String] = []
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            let url = options.root.appendingPathComponent(path)
            if (try? String(contentsOf: url, encoding: .utf8)) == content { continue }
            stale.append(path)
            if !check {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, atomically: true, encoding: .utf8)
                print("wrote \(path)")
            }
        }
        if check, !stale.isEmpty {
            stale.forEach { print("stale: \($0)") }
            throw ExitCode.failure
        }
        print(stale.isEmpty ? "all \(files.count) generated files are up to date" : "\(stale.count) of \(files.count) files written")
    }
}
