import Synchronization

/// One arrow of a sequence diagram: `Order ->> Product: 상품 정보 및 재고 검증 요청`.
public struct TraceMessage: Sendable, Equatable, CustomStringConvertible {
    /// The arrow's kind, spelled as mermaid spells it.
    public enum Arrow: String, Sendable {
        /// A call: `->>`.
        case call = "->>"
        /// A reply: `-->>`.
        case reply = "-->>"
    }

    /// The sender: a participant of the seed's diagrams (`User`, `Order`, `DataPlatForm`, ...).
    public let from: String
    /// The receiver; the same as `from` for work a participant does itself (`Product ->> Product: 재고 검증`).
    public let to: String
    /// Call or reply.
    public let arrow: Arrow
    /// The seed's words for the message.
    public let label: String

    /// A message from one participant to another.
    public init(_ from: String, _ arrow: Arrow, _ to: String, _ label: String) {
        (self.from, self.arrow, self.to, self.label) = (from, arrow, to, label)
    }

    /// The mermaid line: `Order->>Product: 상품 정보 및 재고 검증 요청`.
    public var description: String { "\(from)\(arrow.rawValue)\(to): \(label)" }
}

/// Records the cross-context messages of the running system. The composition root's adapters call it;
/// contexts never need to.
public protocol Tracer: Sendable {
    /// Records one message.
    func record(_ message: TraceMessage)
}

/// A tracer that drops everything: the default where nobody watches (the HTTP server).
public struct NoTracer: Tracer {
    /// A tracer that drops everything.
    public init() {}
    public func record(_ message: TraceMessage) {}
}

/// A numbered message, numbered like mermaid's `autonumber` from 1.
public struct NumberedTraceMessage: Sendable, Equatable {
    /// 1 for the first message since the last ``TraceRecorder/clear()``.
    public let number: Int
    public let message: TraceMessage
}

/// Keeps the messages while switched on and tells an observer about each as it happens (the REPL's
/// `trace on` prints them live).
public final class TraceRecorder: Tracer {
    private struct State {
        var isOn = false
        var messages: [NumberedTraceMessage] = []
        var observer: (@Sendable (NumberedTraceMessage) -> Void)?
    }

    private let state = Mutex(State())

    /// A recorder that starts switched off.
    public init(on: Bool = false) { state.withLock { $0.isOn = on } }

    /// Whether messages are being kept.
    public var isOn: Bool { state.withLock { $0.isOn } }

    /// Starts or stops keeping messages; what was kept stays.
    public func set(on: Bool) { state.withLock { $0.isOn = on } }

    /// Calls `observer` with each message as it is recorded (nil to stop).
    public func observe(_ observer: (@Sendable (NumberedTraceMessage) -> Void)?) {
        state.withLock { $0.observer = observer }
    }

    /// Forgets the kept messages; numbering starts again at 1.
    public func clear() { state.withLock { $0.messages.removeAll() } }

    /// The kept messages, oldest first.
    public var messages: [NumberedTraceMessage] { state.withLock { $0.messages } }

    public func record(_ message: TraceMessage) {
        let (numbered, observer) = state.withLock { state -> (NumberedTraceMessage?, (@Sendable (NumberedTraceMessage) -> Void)?) in
            guard state.isOn else { return (nil, nil) }
            let numbered = NumberedTraceMessage(number: state.messages.count + 1, message: message)
            state.messages.append(numbered)
            return (numbered, state.observer)
        }
        if let numbered, let observer { observer(numbered) }
    }
}
