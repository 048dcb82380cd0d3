import ArgumentParser

/// The `commerce` command line.
@main
struct Commerce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commerce",
        abstract: "An order and payment backend: REPL, scenario scripts and an HTTP server.",
        discussion: "The REPL, `run` and `serve` arrive with the console and HTTP issues."
    )

    func run() throws {
        print(Self.helpMessage())
    }
}
