import Foundation
import Synchronization

/// Where "now" comes from. Nothing in the system reads the time any other way.
public protocol Clock: Sendable {
    func now() -> Timestamp
}

/// The machine's wall clock, truncated to whole seconds.
public struct SystemClock: Clock {
    /// The machine's wall clock.
    public init() {}

    public func now() -> Timestamp {
        Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }
}

/// A clock that moves only when told. The REPL, scenarios and tests use it so that "15 minutes later" takes
/// no time and gives the same output every run.
///
/// It only ever moves forward; moving it and running the jobs that fall due on the way is the ``Scheduler``'s
/// job (``Scheduler/advance(to:)``).
public final class SimulatedClock: Clock {
    /// Where every simulated session starts: `2026-01-01T09:00:00Z` (docs/console.md).
    public static let defaultStart = Timestamp(secondsSinceEpoch: 1_767_258_000)

    private let current: Mutex<Timestamp>

    /// A clock reading `start` until it is moved.
    public init(start: Timestamp = SimulatedClock.defaultStart) {
        current = Mutex(start)
    }

    public func now() -> Timestamp { current.withLock { $0 } }

    /// Moves the clock to `instant`, which must not be earlier than now.
    func move(to instant: Timestamp) throws(DomainError) {
        try current.withLock { (now: inout Timestamp) throws(DomainError) in
            guard instant >= now else { throw .invalid("the clock only moves forward: \(instant) is before \(now)") }
            now = instant
        }
    }
}
