import Foundation
import Kernel

extension Handlers {
    static func traceOn(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        session.switchTrace(on: true)
        return ["trace on: each cross-module message prints as it happens"]
    }

    static func traceOff(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        session.switchTrace(on: false)
        return ["trace off (\(session.app.tracer.messages.count) messages kept; 'trace clear' forgets them)"]
    }

    static func traceShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let messages = session.app.tracer.messages
        return messages.isEmpty ? ["no messages recorded ('trace on' starts recording)"] : messages.map { "\($0.number). \($0.message)" }
    }

    static func traceClear(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        session.app.tracer.clear()
        return ["trace cleared"]
    }

    static func traceMermaid(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let diagram = Mermaid.sequenceDiagram(session.app.tracer.messages.map(\.message))
        guard let file = call.operand(0) else { return diagram.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        do {
            try diagram.write(toFile: file, atomically: true, encoding: .utf8)
        } catch {
            throw DomainError.invalid("cannot write \(file): \(error.localizedDescription)")
        }
        return ["wrote \(session.app.tracer.messages.count) messages to \(file)"]
    }
}
