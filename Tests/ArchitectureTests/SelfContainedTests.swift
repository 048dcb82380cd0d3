import Foundation
import Testing

/// The repository stands on its own: no file points at documents that live only beside it, and every relative
/// link in its Markdown leads to a file that exists.
@Suite struct SelfContainedTests {
    static let root = BoundaryTests.packageRoot

    /// Every text file of the repository, by path relative to the root (build products and git's own skipped).
    static func textFiles() throws -> [(path: String, text: String)] {
        let skipped: Set<String> = [".git", ".build", ".swiftpm", ".schemathesis", ".hypothesis"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker {
            let name = url.lastPathComponent
            if skipped.contains(name) || name.hasPrefix(".build") {
                walker.skipDescendants()
                continue
            }
            guard ["swift", "md", "yaml", "yml", "scn", "sh", "py", "c", "h", "json", ""].contains(url.pathExtension),
                (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory != true,
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            files.append((String(url.path.dropFirst(root.path.count + 1)), text))
        }
        return files
    }

    /// The design documents that lived beside the repository while it was being built.
    static let outside = ["../shared", "SCENARIOS.md", "ARCHITECTURE.md", "SWIFT-NOTES.md", "STYLE.md", "paytx.c"]

    @Test func nothingPointsOutsideTheRepository() throws {
        let files = try Self.textFiles()
        #expect(files.count > 100, "the walk found the sources")
        var found: [String] = []
        for (path, text) in files where path != "Tests/ArchitectureTests/SelfContainedTests.swift" {
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let hits =
                    Self.outside.filter { line.contains($0) }
                    + (line.range(of: #"(^|[^/\w-])HTTP\.md"#, options: .regularExpression) != nil ? ["HTTP.md"] : [])
                found += hits.map { "\(path):\(number + 1): \($0)" }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    @Test func everyRelativeLinkInTheDocsExists() throws {
        var broken: [String] = []
        for (path, text) in try Self.textFiles() where path.hasSuffix(".md") {
            let directory = Self.root.appendingPathComponent(path).deletingLastPathComponent()
            let links = text.matches(of: /\]\(([^)#\s]+)(#[^)]*)?\)/).map { String($0.output.1) }
            for link in links where !link.contains("://") && !link.hasPrefix("mailto:") {
                if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(link).path) {
                    broken.append("\(path): \(link)")
                }
            }
        }
        #expect(broken.isEmpty, "\(broken)")
    }
}
