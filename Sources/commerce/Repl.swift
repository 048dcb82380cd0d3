import App
import ArgumentParser
import Console
import Foundation
import Kernel
import Synchronization

/// `commerce` / `commerce repl`: the interactive console.
struct Repl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the REPL (the default): GNU readline, history, tab completion, a simulated clock.",
        discussion: "When standard input is not a terminal, lines are read plainly with no prompt: commerce < script.scn"
    )

    @OptionGroup(title: "Database (default: SQLite in memory)")
    var databaseOptions: DatabaseOptions

    @Option(
        name: .long, help: ArgumentHelp("The history file (default: $COMMERCE_HISTORY, else $HOME/.commerce_history).", valueName: "path"))
    var history: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let database = try databaseOptions.setting(default: .memory)
        let app = try await CommerceApp.start(AppConfiguration(database: database))
        let terminal = Terminal.standardOutput()
        let interactive = isatty(STDIN_FILENO) == 1
        let bindings = BindingsBox()
        let reader: any LineReader =
            interactive
            ? ReadlineLineReader(
                historyFile: history ?? HistoryFile.path(environment: environment),
                completer: Completer { bindings.names() })
            : PlainLineReader()
        let session = ConsoleSession(app: app, terminal: terminal, prompter: reader)
        bindings.attach(session)
        if interactive {
            REPL.banner(clock: app.clock.now(), storage: database.summary)
                .forEach(terminal.writeLine)
        }
        await REPL(session: session, reader: reader).run()
        try await app.close()
    }
}

/// Lets the completer, built before the session, read the session's bound names.
final class BindingsBox: Sendable {
    private let session = Mutex<ConsoleSession?>(nil)
    func attach(_ session: ConsoleSession) { self.session.withLock { $0 = session } }
    func names() -> [String] { session.withLock { $0.map { Array($0.bindings.keys) } ?? [] } }
}
