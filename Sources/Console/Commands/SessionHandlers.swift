import Kernel

extension Handlers {
    static func runFile(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let path = ScriptRunner.resolve(try call.requiredOperand(0), against: ScriptContext.directory)
        let report = await ScriptRunner(session: session, step: call.flags.contains("--step")).run(path: path)
        guard report.passed else { throw ConsoleFailure.expectation("\(path) failed") }
        return []
    }

    static func help(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        try Help.text(for: call.operands, terminal: session.terminal)
    }

    static func quit(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        throw ConsoleFailure.quit
    }
}
