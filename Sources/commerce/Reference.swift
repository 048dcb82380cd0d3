import ArgumentParser
import Console

/// `commerce reference`: prints the console's command reference as markdown, for the README (a test holds
/// the README to it).
struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the console's command reference as a markdown table.", shouldDisplay: false)

    func run() { print(ConsoleSession.commandReference) }
}
