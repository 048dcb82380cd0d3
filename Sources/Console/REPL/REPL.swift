import Foundation
import Kernel

/// The interactive loop: a banner, a prompt, one line at a time; failures print and the loop goes on.
public struct REPL {
    let session: ConsoleSession
    let reader: any LineReader

    /// A loop reading from `reader` into `session`.
    public init(session: ConsoleSession, reader: any LineReader) {
        self.session = session
        self.reader = reader
    }

    /// The first lines a person sees.
    public static func banner(clock: Timestamp, storage: String) -> [String] {
        [
            "commerce: orders and payments, step by step (\(storage), simulated clock at \(clock))",
            "Try:  run scenarios/01-order-and-pay.scn --step     or type 'help'. Tab completes; Ctrl-D quits.",
        ]
    }

    /// Runs until the input ends or `quit`.
    public func run() async {
        while let line = reader.readLine(prompt: "commerce> ") {
            if case .quit = await session.interact(line) { return }
        }
        session.terminal.writeLine("")
    }
}

/// The outcome of one interactive line.
public enum LineOutcome: Sendable, Equatable {
    /// It ran (or was blank).
    case ok
    /// It failed; the error was printed.
    case failed
    /// `quit`.
    case quit
}

extension ConsoleSession {
    /// Runs one line as the REPL does: prints its output or its error.
    public func interact(_ text: String) async -> LineOutcome {
        do {
            switch try ScriptLine.parse(text, codes: app.errorCodes) {
            case .blank: return .ok
            case .phase(let title):
                terminal.writeLine(terminal.heading("## \(title)"))
                return .ok
            case .command(let line):
                for output in try await run(line, scriptDirectory: nil) { terminal.writeLine(output) }
                return .ok
            }
        } catch ConsoleFailure.quit {
            return .quit
        } catch {
            terminal.writeLine(terminal.error(ConsoleFailure.describe(error)))
            return .failed
        }
    }

    /// Runs script files one after another in this session; true when all passed.
    public func runScripts(_ paths: [String], step: Bool, verbose: Bool) async -> Bool {
        for path in paths where !(await ScriptRunner(session: self, step: step, verbose: verbose).run(path: path)).passed {
            return false
        }
        return true
    }

    /// Runs one script quietly, telling `phaseStarted` the title of each phase as it starts; true when it passed.
    public func runScript(_ path: String, phaseStarted: @escaping @Sendable (String) -> Void) async -> Bool {
        await ScriptRunner(session: self, step: false, verbose: false, phaseStarted: phaseStarted).run(path: path).passed
    }

    /// The command reference as a markdown table, generated from the command table.
    public static var commandReference: String { Help.markdown }

    /// The lines `help` prints.
    public static func helpLines() -> [String] { (try? Help.text(for: [], terminal: Terminal { _ in })) ?? [] }
}
