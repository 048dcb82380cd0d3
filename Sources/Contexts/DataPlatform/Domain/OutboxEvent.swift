import Kernel

/// An event for the external data platform, as the platform receives it.
public struct PlatformEvent: Sendable, Equatable, Codable {
    /// Unique per event; receivers deduplicate by it, since delivery is at least once.
    public let eventId: String
    /// What happened, such as `ORDER_PAID`.
    public let kind: String
    /// The event's JSON document.
    public let payload: String

    /// An event.
    public init(eventId: String, kind: String, payload: String) {
        self.eventId = eventId
        self.kind = kind
        self.payload = payload
    }
}

/// An event in the outbox with its delivery record.
public struct OutboxEvent: Sendable, Equatable {
    /// The row's id, in the order events were written.
    public let id: Int64
    /// The event.
    public let event: PlatformEvent
    /// When it was written (in the transaction that produced it).
    public let createdAt: Timestamp
    /// Delivery attempts so far.
    public let attempts: Int64
    /// When the relay may try next; nil once delivered.
    public let nextAttemptAt: Timestamp?
    /// When the platform acknowledged it.
    public let deliveredAt: Timestamp?
    /// Why the last attempt failed.
    public let lastError: String?

    /// Whether the platform has acknowledged it.
    public var isDelivered: Bool { deliveredAt != nil }
}

/// How many events are waiting and how many were delivered.
public struct OutboxCounts: Sendable, Equatable {
    /// Not yet acknowledged.
    public let pending: Int
    /// Acknowledged.
    public let delivered: Int
    /// Pending after at least one failed attempt.
    public let failing: Int

    /// Counts.
    public init(pending: Int, delivered: Int, failing: Int = 0) {
        self.pending = pending
        self.delivered = delivered
        self.failing = failing
    }
}

/// How the outbox delivers.
public struct RelayPolicy: Sendable, Equatable {
    /// How long one delivery may take before it counts as failed (real time: it bounds a network call).
    public var timeout: Duration
    /// The wait after the first failed attempt; it doubles with each further failure...
    public var firstRetryDelay: TimeSpan
    /// ...up to this (docs/console.md: at most 1 minute apart).
    public var maxRetryDelay: TimeSpan
    /// How long an attempt in progress keeps other relays (another instance) off the event.
    public var lease: TimeSpan

    /// The defaults: a 2 s timeout, retries after 10 s, 20 s, 40 s, then every 60 s, a 30 s lease.
    public init(
        timeout: Duration = .seconds(2), firstRetryDelay: TimeSpan = .seconds(10), maxRetryDelay: TimeSpan = .seconds(60),
        lease: TimeSpan = .seconds(30)
    ) {
        self.timeout = timeout
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.lease = lease
    }

    /// The wait before the next attempt after `attempts` failed ones.
    public func retryDelay(afterAttempts attempts: Int64) -> TimeSpan {
        var delay = firstRetryDelay.seconds
        for _ in 1..<max(1, min(attempts, 32)) where delay < maxRetryDelay.seconds { delay *= 2 }
        return .seconds(min(delay, maxRetryDelay.seconds))
    }
}
