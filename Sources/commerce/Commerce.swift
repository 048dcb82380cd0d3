import ArgumentParser
import Foundation

/// The `commerce` command line: the REPL (no subcommand), `run` for scenario scripts.
@main
struct Commerce: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commerce",
        abstract: "An order and payment backend: a REPL, scenario scripts, and an HTTP server.",
        discussion: """
            With no subcommand, opens the REPL on an in-memory database with a simulated clock
            (2026-01-01T09:00:00Z). Exit status: 0 success, 1 a scenario failed, 2 a usage error.
            """,
        subcommands: [Repl.self, Run.self, Simulate.self, Serve.self, Token.self, Outbox.self, Reference.self],
        defaultSubcommand: Repl.self
    )

    /// Usage errors exit with 2 (argument-parser's default is 64), as the console's contract says.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
