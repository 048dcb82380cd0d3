import Foundation
import Kernel

/// Writes trace messages as a mermaid `sequenceDiagram`, `User` as an actor, participants in the order the
/// seed's diagrams declare them (then any other in order of appearance), so a trace of a seed flow redraws
/// that flow's diagram.
public enum Mermaid {
    /// The seed's participants in the order its diagrams declare them.
    static let seedOrder = ["Scheduler", "User", "Payment", "Order", "Product", "Coupon", "Point", "DataPlatForm"]

    /// The diagram's text, ending with a newline.
    public static func sequenceDiagram(_ messages: [TraceMessage]) -> String {
        let lines = ["sequenceDiagram", "    autonumber"] + declarations(messages) + messages.map { "    \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `actor`/`participant` lines for the participants of `messages`, in the seed's order.
    public static func declarations(_ messages: [TraceMessage]) -> [String] {
        var appearing: [String] = []
        for message in messages {
            for name in [message.from, message.to] where !appearing.contains(name) { appearing.append(name) }
        }
        let participants = seedOrder.filter(appearing.contains) + appearing.filter { !seedOrder.contains($0) }
        return participants.map { $0 == "User" ? "    actor User" : "    participant \($0)" }
    }
}
