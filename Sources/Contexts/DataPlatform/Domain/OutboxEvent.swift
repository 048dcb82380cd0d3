import Foundation
import Kernel

/// An event for the external data platform, as the platform receives it.
public struct PlatformEvent: Sendable, Equatable, Codable {
    /// Unique per event, forever: a payment's event gets a random UUID when the payment is made, so an id is never
    /// reused even when a crash loses the last transactions and their numbers are handed out again. Receivers
    /// deduplicate by it, since delivery is at least once.
    public let eventId: String
    /// What happened, such as `ORDER_PAID`.
    public let kind: String
    /// The event's JSON document.
    public let payload: String

    public init(eventId: String, kind: String, payload: String) {
        self.eventId = eventId
        self.kind = kind
        self.payload = payload
    }

    /// The document every adapter hands over, one line of the JSON-lines file or the webhook's body:
    /// `{"eventId":"...","kind":"ORDER_PAID","payload":{...}}`, with the payload's bytes as stored.
    public func wireDocument() throws -> String {
        let encoder = JSONEncoder()
        let eventId = String(decoding: try encoder.encode(eventId), as: UTF8.self)
        let kind = String(decoding: try encoder.encode(kind), as: UTF8.self)
        return "{\"eventId\":\(eventId),\"kind\":\(kind),\"payload\":\(payload)}"
    }
}

/// An event in the outbox with its delivery record.
public struct OutboxEvent: Sendable, Equatable {
    /// The row's id, in the order events were written.
    public let id: Int64
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
    /// How many attempts the platform refused (``DataPlatformRejected``) since the event was written or requeued.
    public let rejections: Int64
    /// When the relay gave up on it after too many refusals; nil unless it is dead-lettered.
    public let deadLetteredAt: Timestamp?

    /// Whether the platform has acknowledged it.
    public var isDelivered: Bool { deliveredAt != nil }
    /// Whether the relay has parked it until an operator requeues it.
    public var isDeadLettered: Bool { deadLetteredAt != nil }
}

/// How many events are waiting, delivered, and parked.
public struct OutboxCounts: Sendable, Equatable {
    /// Not yet acknowledged, and still being tried.
    public let pending: Int
    public let delivered: Int
    /// Pending after at least one failed attempt.
    public let failing: Int
    /// Refused too often and parked until an operator requeues them; not counted as pending.
    public let deadLettered: Int

    public init(pending: Int, delivered: Int, failing: Int = 0, deadLettered: Int = 0) {
        self.pending = pending
        self.delivered = delivered
        self.failing = failing
        self.deadLettered = deadLettered
    }
}

/// How the outbox delivers.
public struct RelayPolicy: Sendable, Equatable {
    /// How long one delivery may take before it counts as failed (real time: it bounds a network call). The
    /// attempt returns when it runs out, whatever the client is doing.
    public var timeout: Duration
    /// The wait after the first failed attempt; it doubles with each further failure...
    public var firstRetryDelay: TimeSpan
    /// ...up to this (docs/console.md: at most 1 minute apart).
    public var maxRetryDelay: TimeSpan
    /// How long an attempt in progress keeps other relays (another instance) off the event. It must exceed
    /// ``timeout`` by at least ``leaseMargin``, which is what the instances' clocks may disagree by.
    public var lease: TimeSpan
    /// How many refusals (``DataPlatformRejected``) park an event as dead-lettered.
    public var rejectionsBeforeDeadLetter: Int64
    /// The longest `Retry-After` honoured: a receiver asking for more is retried after this.
    public var maxRetryAfter: TimeSpan

    /// The smallest lease beyond the timeout: room for the instances' clocks to disagree.
    public static let leaseMargin = TimeSpan.seconds(10)

    /// The defaults: a 2 s timeout, retries after 10 s, 20 s, 40 s, then every 60 s, a 30 s lease, dead-lettered
    /// after 3 refusals, `Retry-After` honoured up to an hour.
    public init(
        timeout: Duration = .seconds(2), firstRetryDelay: TimeSpan = .seconds(10), maxRetryDelay: TimeSpan = .seconds(60),
        lease: TimeSpan = .seconds(30), rejectionsBeforeDeadLetter: Int64 = 3, maxRetryAfter: TimeSpan = .minutes(60)
    ) {
        self.timeout = timeout
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.lease = lease
        self.rejectionsBeforeDeadLetter = rejectionsBeforeDeadLetter
        self.maxRetryAfter = maxRetryAfter
    }

    /// Checks that the lease outlasts a delivery with the margin, so that two instances never send one event
    /// at the same moment, and that the counts make sense.
    public func validate() throws(DomainError) {
        let timeoutSeconds = Int64((timeout + .milliseconds(999)).components.seconds)
        guard lease.seconds >= timeoutSeconds + Self.leaseMargin.seconds else {
            throw .invalid("the outbox lease (\(lease)) must exceed the delivery timeout (\(timeout)) by at least \(Self.leaseMargin)")
        }
        try Validate.positive(firstRetryDelay.seconds, "the first retry delay")
        try Validate.positive(rejectionsBeforeDeadLetter, "the refusals before dead-lettering")
    }

    /// The wait before the next attempt after `attempts` failed ones.
    public func retryDelay(afterAttempts attempts: Int64) -> TimeSpan {
        var delay = firstRetryDelay.seconds
        for _ in 1..<max(1, min(attempts, 32)) where delay < maxRetryDelay.seconds { delay *= 2 }
        return .seconds(min(delay, maxRetryDelay.seconds))
    }

    /// The wait before the next attempt after `attempts` failed ones, the last of which asked for `retryAfter`.
    public func retryDelay(afterAttempts attempts: Int64, retryAfter: TimeSpan?) -> TimeSpan {
        let backoff = retryDelay(afterAttempts: attempts)
        guard let retryAfter else { return backoff }
        return .seconds(max(backoff.seconds, min(retryAfter.seconds, maxRetryAfter.seconds)))
    }
}
