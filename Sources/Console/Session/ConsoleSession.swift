import App
import Foundation
import Kernel
import Synchronization

/// One console session: a running system, the `$NAME` bindings, and where output goes. The REPL, `commerce
/// run` and the tests all drive the system through one of these, with the same command table.
public final class ConsoleSession: Sendable {
    public let app: CommerceApp
    /// Where output goes.
    public let terminal: Terminal
    /// Reads answers in step mode (Enter, `c`, `q`).
    let prompter: (any LineReader)?
    private let shared = SharedState()

    struct State {
        var bindings: [String: String] = [:]
        var liveTrace = false
        var traceSwitches = 0
        var scriptDepth = 0
    }

    /// The mutable part, in a class of its own so the tracer's observer can hold it.
    final class SharedState: Sendable {
        let mutex = Mutex(State())
        func withLock<T: Sendable>(_ body: (inout sending State) throws -> sending T) rethrows -> T { try mutex.withLock(body) }
    }

    private var state: SharedState { shared }

    /// A session over `app`, writing to `terminal`; `prompter` answers step mode's pauses.
    public init(app: CommerceApp, terminal: Terminal, prompter: (any LineReader)? = nil) {
        self.app = app
        self.terminal = terminal
        self.prompter = prompter
        app.tracer.observe { [terminal, shared] numbered in
            guard shared.withLock({ $0.liveTrace }) else { return }
            terminal.writeLine(terminal.dim("  \(numbered.number). \(numbered.message)"))
        }
    }

    /// The bound names and their ids.
    public var bindings: [String: String] { state.withLock { $0.bindings } }

    func bind(_ name: String, to value: String) { state.withLock { $0.bindings[name] = value } }

    /// Whether trace messages are printed as they happen (`trace on`).
    var printsTraceLive: Bool {
        get { state.withLock { $0.liveTrace } }
        set { state.withLock { $0.liveTrace = newValue } }
    }

    /// Switches tracing on or off as `trace on` / `trace off` do, counting the switch so that step mode
    /// leaves a script's own choice in place.
    func switchTrace(on: Bool) {
        app.tracer.set(on: on)
        state.withLock {
            $0.liveTrace = on
            $0.traceSwitches += 1
        }
    }

    /// How many times `trace on` / `trace off` ran in this session.
    var traceSwitches: Int { state.withLock { $0.traceSwitches } }

    /// Runs a command line: the command itself, or its negation. Returns the lines to print.
    func run(_ line: CommandLine, scriptDirectory: String?) async throws -> [String] {
        guard let negation = line.negation else {
            let invocation = try CommandMatcher.invocation(of: line, in: CommandTable.all, bindings: bindings)
            return try await perform(invocation, scriptDirectory: scriptDirectory)
        }
        do {
            // Inside the `do`: an unknown command, key or $NAME is an INVALID_ARGUMENT that `!` can expect.
            let invocation = try CommandMatcher.invocation(of: line, in: CommandTable.all, bindings: bindings)
            _ = try await perform(invocation, scriptDirectory: scriptDirectory)
        } catch let error as DomainError {
            if let expected = negation.code, expected != error.code {
                throw ConsoleFailure.wrongCode(expected: expected, got: error)
            }
            return [terminal.success("failed as expected: \(error)")]
        }
        throw ConsoleFailure.unexpectedSuccess(expected: negation.code)
    }

    private func perform(_ invocation: Invocation, scriptDirectory: String?) async throws -> [String] {
        try await ScriptContext.$directory.withValue(scriptDirectory) {
            try await invocation.spec.run(invocation, self)
        }
    }

    /// Binds `as NAME` when the line had one, and says so.
    func bound(_ invocation: Invocation, _ id: String) -> [String] {
        guard let name = invocation.bindAs else { return [] }
        bind(name, to: id)
        return [terminal.dim("$\(name) = \(id)")]
    }

    func enterScript() throws(DomainError) {
        let entered = state.withLock { state in
            guard state.scriptDepth < 16 else { return false }
            state.scriptDepth += 1
            return true
        }
        guard entered else { throw .invalid("scripts nest more than 16 deep (a script that runs itself?)") }
    }

    func leaveScript() { state.withLock { $0.scriptDepth -= 1 } }
}

/// The directory of the script whose line is running, so that `run FILE` inside a script resolves against it.
enum ScriptContext {
    @TaskLocal static var directory: String?
}

/// A failure that is not a domain error: a broken expectation, or a `!` line that did not fail as written.
enum ConsoleFailure: Error, Sendable, CustomStringConvertible {
    case expectation(String)
    case unexpectedSuccess(expected: ErrorCode?)
    case wrongCode(expected: ErrorCode, got: DomainError)
    case quit

    var description: String {
        switch self {
        case .expectation(let message): message
        case .unexpectedSuccess(let code): "expected the command to fail\(code.map { " with \($0.rawValue)" } ?? ""), but it succeeded"
        case .wrongCode(let expected, let got): "expected \(expected.rawValue), got \(got)"
        case .quit: "quit"
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DomainError: "error: \(error)"
        case let error as ConsoleFailure: "failed: \(error)"
        default: "error: \(error)"
        }
    }
}
