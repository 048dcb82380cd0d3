import Foundation
import Testing

@testable import Console

/// The README's command reference is the command table's, so docs and code cannot drift.
@Suite struct ReadmeTests {
    @Test func theReadmeCarriesTheGeneratedCommandReference() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ConsoleSession.commandReference), "README.md must contain the table:\n\(ConsoleSession.commandReference)")
    }

    /// Reads the README's own table, row by row, and holds it to the command table: every command in order,
    /// with its usage and summary, and nothing else.
    @Test func theReadmesRowsAreTheCommandTable() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "### Command reference").dropFirst().first)
        let rows = section.split(separator: "\n").prefix { !$0.hasPrefix("#") }.filter { $0.hasPrefix("| `") }
        let parsed = rows.map { row -> (usage: String, summary: String) in
            let cells = row.replacing("\\|", with: "\u{1}").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacing("\u{1}", with: "|")
            }
            return (String(cells[0].dropFirst().dropLast()), cells.count > 1 ? cells[1] : "")
        }
        #expect(parsed.map(\.usage) == CommandTable.all.map(\.usage))
        #expect(parsed.map(\.summary) == CommandTable.all.map(\.summary))
    }
}

/// The README's walkthrough runs, line by line, as a newcomer would paste it.
@Suite struct ReadmeWalkthroughTests {
    @Test func everyLineOfTheWalkthroughSucceeds() async throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## A walkthrough").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```").dropFirst().first)
        let lines = block.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(lines.count >= 10)
        let c = try await Captured()
        for line in lines {
            #expect(await c.session.interact(line) == .ok, "\(line): \(c.text)")
        }
        #expect(c.output.contains("sequenceDiagram"), "the walkthrough ends with the mermaid diagram")
    }
}
