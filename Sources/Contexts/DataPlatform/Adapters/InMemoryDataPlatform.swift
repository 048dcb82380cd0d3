import Kernel
import Synchronization

/// A data platform that keeps what it receives in memory and can be switched down to simulate an outage
/// (`dataplatform down` / `up` in the console).
public final class InMemoryDataPlatform: DataPlatformClient {
    private struct State {
        var isUp = true
        var deliveries: [PlatformEvent] = []
    }

    private let state = Mutex(State())

    /// A platform that is up and has received nothing.
    public init() {}

    /// Whether it accepts events.
    public var isUp: Bool { state.withLock { $0.isUp } }

    /// Switches the platform up or down.
    public func set(up: Bool) { state.withLock { $0.isUp = up } }

    /// Every event received, once each (as a receiver deduplicating by event id sees them), in arrival order.
    public var received: [PlatformEvent] {
        var seen = Set<String>()
        return state.withLock { $0.deliveries }.filter { seen.insert($0.eventId).inserted }
    }

    /// Every delivery, duplicates included: equal to `received.count` when nothing was delivered twice.
    public var deliveryCount: Int { state.withLock { $0.deliveries.count } }

    public func send(_ event: PlatformEvent) async throws {
        try state.withLock { state in
            guard state.isUp else { throw DataPlatformUnavailable("the data platform is down") }
            state.deliveries.append(event)
        }
    }
}
