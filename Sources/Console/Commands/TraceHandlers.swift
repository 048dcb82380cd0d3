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

/// Writes trace messages as a mermaid `sequenceDiagram`, `User` as an actor, participants in the order the
/// seed's diagrams declare them (then any other in order of appearance), so a trace of a seed flow redraws
/// that flow's diagram.
public enum Mermaid {
    /// The seed's participants in the order its diagrams declare them.
    static let seedOrder = ["Scheduler", "User", "Payment", "Order", "Product", "Coupon", "Point", "DataPlatForm"]

    /// The diagram's text, ending with a newline.
    public static func sequenceDiagram(_ messages: [TraceMessage]) -> String {
        var appearing: [String] = []
        for message in messages {
            for name in [message.from, message.to] where !appearing.contains(name) { appearing.append(name) }
        }
        let participants = seedOrder.filter(appearing.contains) + appearing.filter { !seedOrder.contains($0) }
        var lines = ["sequenceDiagram", "    autonumber"]
        lines += participants.map { $0 == "User" ? "    actor User" : "    participant \($0)" }
        lines += messages.map { "    \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
