import App
import ArgumentParser
import Console
import Foundation
import Kernel

/// `commerce run FILE...`: run scenario scripts; exit 0 when all pass, 1 when one fails.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run scenario scripts. Each file gets a fresh in-memory system unless --database is given.",
        discussion: "Exit status: 0 when every script passes, 1 when one fails, 2 for a usage error."
    )

    @Argument(help: ArgumentHelp("Scenario files (.scn).", valueName: "file"))
    var files: [String]

    @Flag(name: .long, help: "Pause before each line and phase; Enter runs the line, c continues, q stops.")
    var step = false

    @Flag(name: .long, help: "Print each cross-module message as it happens.")
    var trace = false

    @Flag(name: .long, help: "Print each command and its output.")
    var verbose = false

    @Option(name: .customLong("plant-bug"), help: ArgumentHelp("Plant a bug on purpose (tests of the simulator).", visibility: .hidden))
    var plantedBugs: [PlantedBug] = []

    @OptionGroup(title: "Database (default: a fresh in-memory SQLite database per script; a named one is shared by all)")
    var databaseOptions: DatabaseOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one scenario file") }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read '\(file)'")
        }
    }

    func run() async throws {
        let terminal = Terminal.standardOutput()
        var prompter: (any LineReader)?
        if step {
            prompter = isatty(STDIN_FILENO) == 1 ? ReadlineLineReader(historyFile: nil, completer: Completer { [] }) : PlainLineReader()
        }
        var shared: CommerceApp?
        if databaseOptions.database != nil || ProcessInfo.processInfo.environment["COMMERCE_DATABASE"] != nil {
            shared = try await CommerceApp.start(
                AppConfiguration(database: try databaseOptions.setting(default: .memory), plantedBugs: Set(plantedBugs)))
        }
        var passed = true
        for file in files {
            let app: CommerceApp
            if let shared { app = shared } else { app = try await CommerceApp.start(AppConfiguration(plantedBugs: Set(plantedBugs))) }
            let session = ConsoleSession(app: app, terminal: terminal, prompter: prompter)
            if trace { _ = await session.interact("trace on") }
            let ok = await session.runScripts([file], step: step, verbose: verbose)
            if shared == nil { try await app.close() }
            if !ok {
                passed = false
                break
            }
        }
        try await shared?.close()
        if !passed { throw ExitCode(1) }
    }
}
