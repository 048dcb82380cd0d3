@testable import Console
import Foundation
import Testing

/// The README's command reference is the command table's, so docs and code cannot drift.
@Suite struct ReadmeTests {
    @Test func theReadmeCarriesTheGeneratedCommandReference() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ConsoleSession.commandReference), "README.md must contain the table:\n\(ConsoleSession.commandReference)")
    }

    @Test func everyCommandAppearsInTheReference() {
        for spec in CommandTable.all { #expect(ConsoleSession.commandReference.contains(spec.summary)) }
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
