import Kernel
import Synchronization

/// A data platform that keeps what it receives in memory and can be switched down to simulate an outage, or to
/// refusing events to simulate a receiver that rejects them (`dataplatform down` / `reject` / `up` in the console).
public final class InMemoryDataPlatform: DataPlatformClient {
    /// How the simulated platform answers.
    public enum Mode: String, Sendable, Equatable {
        /// It acknowledges every event.
        case up
        /// It is unreachable: ``DataPlatformUnavailable``, retried with backoff.
        case down
        /// It answers, but refuses every event (as a webhook answering `404` would): ``DataPlatformRejected``.
        case rejecting
        /// It takes the event and never answers, until the sender gives up (its timeout cancels the call).
        case hanging
        /// It acknowledges every event twice, as a receiver whose first acknowledgement was lost and that got
        /// the event again: each delivery is recorded twice.
        case duplicating
    }

    private struct State {
        var mode = Mode.up
        var deliveries: [PlatformEvent] = []
    }

    private let state = Mutex(State())

    /// A platform that is up and has received nothing.
    public init() {}

    /// How it answers now.
    public var mode: Mode { state.withLock { $0.mode } }

    /// Whether it accepts events.
    public var isUp: Bool { mode == .up }

    /// Switches the platform up or down.
    public func set(up: Bool) { set(mode: up ? .up : .down) }

    /// Sets how it answers.
    public func set(mode: Mode) { state.withLock { $0.mode = mode } }

    /// Every event received, once each (as a receiver deduplicating by event id sees them), in arrival order.
    public var received: [PlatformEvent] {
        var seen = Set<String>()
        return state.withLock { $0.deliveries }.filter { seen.insert($0.eventId).inserted }
    }

    /// Every delivery, duplicates included: equal to `received.count` when nothing was delivered twice.
    public var deliveryCount: Int { state.withLock { $0.deliveries.count } }

    public func send(_ event: PlatformEvent) async throws {
        let hangs = try state.withLock { state in
            switch state.mode {
            case .up: state.deliveries.append(event)
            case .duplicating: state.deliveries += [event, event]
            case .down: throw DataPlatformUnavailable("the data platform is down")
            case .rejecting: throw DataPlatformRejected("the data platform refused the event")
            case .hanging: return true
            }
            return false
        }
        // An hour is "never" for a delivery: the relay's timeout cancels the sleep long before.
        if hangs { try await Task.sleep(for: .seconds(3600)) }
    }
}
