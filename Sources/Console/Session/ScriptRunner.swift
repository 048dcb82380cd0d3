import Foundation
import Kernel

/// What running one script came to.
public struct ScriptReport: Sendable, Equatable {
    /// The script's path as given.
    public let path: String
    /// True when every line passed (or it was stopped in step mode, or ended with `quit` as its last command).
    public let passed: Bool
    public let commands: Int
}

/// Runs scenario files: phases, `!` lines, `FILE:LINE: message` reports naming the phase and the line.
struct ScriptRunner {
    let session: ConsoleSession
    /// Pause before each line and phase and show the messages each line caused.
    let step: Bool
    /// Print each command and its output (always on in step mode).
    var verbose = true
    /// Told the title of each phase as it starts.
    var phaseStarted: (@Sendable (String) -> Void)?

    init(session: ConsoleSession, step: Bool, verbose: Bool = true, phaseStarted: (@Sendable (String) -> Void)? = nil) {
        self.session = session
        self.step = step
        self.verbose = verbose || step
        self.phaseStarted = phaseStarted
    }

    /// `path` as written in a script resolves against that script's directory; elsewhere, the working one.
    static func resolve(_ path: String, against directory: String?) -> String {
        guard let directory, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: directory).appendingPathComponent(path).path
    }

    func run(path: String) async -> ScriptReport {
        let terminal = session.terminal
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            terminal.writeLine(terminal.error("\(path): cannot read: \(error.localizedDescription)"))
            return ScriptReport(path: path, passed: false, commands: 0)
        }
        do {
            try session.enterScript()
        } catch {
            terminal.writeLine(terminal.error("\(path): \(error)"))
            return ScriptReport(path: path, passed: false, commands: 0)
        }
        defer { session.leaveScript() }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // Step mode shows each line's messages; afterwards tracing is as before, unless the script switched it.
        let wasLive = session.printsTraceLive, wasOn = session.app.tracer.isOn, switches = session.traceSwitches
        if step {
            session.app.tracer.set(on: true)
            session.printsTraceLive = true
        }
        defer {
            if step, session.traceSwitches == switches {
                session.printsTraceLive = wasLive
                session.app.tracer.set(on: wasOn)
            }
        }
        var phase: String?, commands = 0, stepping = step
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, lineText) in lines.enumerated() {
            let number = index + 1
            func fail(_ message: String) -> ScriptReport {
                terminal.writeLine(terminal.error("\(path):\(number): \(message)"))
                if let phase { terminal.writeLine("    phase: \(phase)") }
                terminal.writeLine("    line:  \(lineText.trimmedOfWhitespace)")
                return ScriptReport(path: path, passed: false, commands: commands)
            }
            let line: ScriptLine
            do { line = try ScriptLine.parse(lineText, codes: session.app.errorCodes) } catch {
                return fail(ConsoleFailure.describe(error))
            }
            switch line {
            case .blank:
                continue
            case .phase(let title):
                phase = title
                phaseStarted?(title)
                terminal.writeLine(terminal.heading("## \(title)"))
                if stepping, let answer = pause("phase \(title)"), answer != .next {
                    if answer == .stop { return stopped(path, number, commands) }
                    stepping = false
                }
            case .command(let command):
                if stepping,
                    let answer = pause("\(URL(fileURLWithPath: path).lastPathComponent):\(number)  \(lineText.trimmedOfWhitespace)"),
                    answer != .next
                {
                    if answer == .stop { return stopped(path, number, commands) }
                    stepping = false
                }
                if verbose { terminal.writeLine(terminal.dim("> \(lineText.trimmedOfWhitespace)")) }
                commands += 1
                do {
                    let output = try await session.run(command, scriptDirectory: directory)
                    if verbose { output.forEach(terminal.writeLine) }
                } catch ConsoleFailure.quit {
                    // A quit must not pass a script whose later checks it skipped: it passes only as the last command.
                    let skipped = lines[(index + 1)...].filter {
                        if case .command = try? ScriptLine.parse($0, codes: session.app.errorCodes) { true } else { false }
                    }.count
                    guard skipped == 0 else { return fail("quit stops the script here, leaving \(skipped) later command(s) unchecked") }
                    terminal.writeLine(terminal.success("passed: \(path) (\(commands) commands, ended by quit at line \(number))"))
                    return ScriptReport(path: path, passed: true, commands: commands)
                } catch {
                    return fail(ConsoleFailure.describe(error))
                }
            }
        }
        terminal.writeLine(terminal.success("passed: \(path) (\(commands) commands)"))
        return ScriptReport(path: path, passed: true, commands: commands)
    }

    private enum Answer { case next, continueToEnd, stop }

    /// Asks what to do at a pause: Enter runs the line, `c` runs to the end, `q` stops. Nil without a prompter.
    private func pause(_ what: String) -> Answer? {
        guard let prompter = session.prompter else { return nil }
        session.terminal.writeLine(session.terminal.heading("step: \(what)"))
        guard let answer = prompter.readLine(prompt: "[Enter] run  [c] continue  [q] stop > ") else { return .stop }
        switch answer.trimmedOfWhitespace.lowercased() {
        case "c", "continue": return .continueToEnd
        case "q", "quit", "stop": return .stop
        default: return .next
        }
    }

    private func stopped(_ path: String, _ line: Int, _ commands: Int) -> ScriptReport {
        session.terminal.writeLine("stopped at \(path):\(line)")
        return ScriptReport(path: path, passed: true, commands: commands)
    }
}
