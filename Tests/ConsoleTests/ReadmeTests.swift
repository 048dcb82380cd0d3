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
