import Synchronization

/// A request to stop that work checks at its own safe points, unlike task cancellation, which interrupts
/// whatever is awaited. The scheduler's jobs receive one: at shutdown the outbox relay finishes the delivery
/// in flight and stops before the next event, instead of having that delivery cancelled and recorded as failed.
public final class StopSignal: Sendable {
    private let requested = Mutex(false)

    /// A signal not yet requested.
    public init() {}

    /// Whether a stop was requested.
    public var isRequested: Bool { requested.withLock { $0 } }

    /// Requests the stop; work sees it at its next safe point.
    public func request() { requested.withLock { $0 = true } }
}
