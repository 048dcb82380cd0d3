import Kernel
import Synchronization

/// A fault the composition root injects at a named point of a write transaction, for the simulator
/// (`commerce simulate`). No context knows about it: it lives in ``FaultInjectingEngine``, a wrapper around the
/// storage engine that only the root builds.
public enum InjectedFault: String, Sendable, CaseIterable, Codable {
    /// The transaction does its work, then fails before its commit: all of it rolls back, and the caller gets
    /// ``DatabaseError/unavailable(_:)``, which the HTTP edge answers with `503`.
    case failBeforeCommit = "fail-before-commit"
    /// The transaction commits, then the process dies before it answers: the caller gets ``InjectedCrash``
    /// instead of the answer, and nothing after the commit runs (a payment's delivery is left to the relay).
    case crashAfterCommit = "crash-after-commit"
    /// The transaction loses a race once: a serialization failure (`40001` on PostgreSQL, a busy writer on
    /// SQLite). ``Database`` runs the whole use case again, so the caller sees the second attempt's answer.
    case serializationFailure = "serialization-failure"
}

/// What a caller gets in place of the answer lost to ``InjectedFault/crashAfterCommit``.
public struct InjectedCrash: Error, Sendable, CustomStringConvertible {
    public var description: String { "injected crash: the transaction committed and its answer was lost" }
}

/// The faults armed for the next write transaction, and a count of those that fired. The simulator arms one
/// before a step and disarms after it, so a fault never leaks into the next step.
public final class FaultSwitch: Sendable {
    private struct State {
        var armed: InjectedFault?
        var fired: [InjectedFault: Int] = [:]
    }

    private let state = Mutex(State())

    /// A switch with nothing armed.
    public init() {}

    /// Arms `fault` for the next write transaction, replacing whatever was armed.
    public func arm(_ fault: InjectedFault) { state.withLock { $0.armed = fault } }

    /// Disarms whatever has not fired.
    public func disarm() { state.withLock { $0.armed = nil } }

    /// How often each fault fired.
    public var fired: [InjectedFault: Int] { state.withLock { $0.fired } }

    /// The armed fault, taken: it fires once.
    func take() -> InjectedFault? {
        state.withLock { state in
            guard let fault = state.armed else { return nil }
            state.armed = nil
            state.fired[fault, default: 0] += 1
            return fault
        }
    }
}
