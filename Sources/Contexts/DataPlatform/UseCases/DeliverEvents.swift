import Kernel

/// What one delivery attempt came to.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The platform acknowledged the event.
    case delivered
    /// The attempt failed; the relay will retry at `retryAt`.
    case failed(reason: String, retryAt: Timestamp)
    /// Nothing to do: the event is unknown or already delivered.
    case skipped
}

extension DataPlatformService {
    /// Hands an event that was just committed to the outbox to the platform once, with the policy's timeout,
    /// and records the outcome. Called right after that commit, once per event; never with a transaction open.
    /// It does not look at the outbox first: ``deliverNow(eventId:)`` does, and skips an event already delivered.
    public func deliverNow(_ event: PlatformEvent) async throws -> DeliveryOutcome {
        try await attempt(event)
    }

    /// ``deliverNow(_:)`` for an event known only by its id (read from the outbox first).
    public func deliverNow(eventId: String) async throws -> DeliveryOutcome {
        guard let stored = try await database.read({ tx in try await OutboxStore(tx: tx).find(eventId: eventId) }),
            !stored.isDelivered
        else { return .skipped }
        return try await attempt(stored.event)
    }

    /// One relay pass as of `now`: tries every pending event whose next attempt is due, each claimed first so
    /// that two relays (two instances) never send one event at the same time. Returns a line per attempt.
    public func relay(at now: Timestamp) async throws -> [String] {
        var lines: [String] = []
        let due = try await database.read { tx in try await OutboxStore(tx: tx).due(at: now, limit: 100) }
        for event in due {
            // Read the clock again for each claim: an earlier delivery of this pass may have taken seconds, and a
            // lease counted from the pass's start would end early while this instance is still sending. (A pass
            // asked for a later instant than the clock shows keeps that instant.)
            let claimedAt = max(now, clock.now())
            let until = try claimedAt.adding(seconds: policy.lease.seconds)
            let owner = owner
            guard try await database.write({ tx in try await OutboxStore(tx: tx).claim(event.id, now: claimedAt, until: until, owner: owner) })
            else { continue }
            switch try await attempt(event.event, claimedBy: owner) {
            case .delivered:
                lines.append("delivered event \(event.event.eventId) (attempt \(event.attempts + 1))")
            case .failed(let reason, let retryAt):
                lines.append("event \(event.event.eventId) not delivered (attempt \(event.attempts + 1)): \(reason); next try at \(retryAt.timeOfDay)")
            case .skipped:
                break
            }
        }
        return lines
    }

    /// The relay job: every 10 seconds of clock time, skipped while nothing is due.
    var relayJob: ScheduledJob {
        ScheduledJob(
            name: "outbox-relay", interval: .seconds(10),
            nextWork: { try await database.read { tx in try await OutboxStore(tx: tx).earliestAttempt() } },
            run: { now in try await relay(at: now) })
    }

    /// One attempt; `claimedBy` is this instance's owner token when its relay claimed the event (nil for the
    /// immediate attempt after the commit, which holds the first lease without a claim).
    private func attempt(_ event: PlatformEvent, claimedBy: String? = nil) async throws -> DeliveryOutcome {
        let failure: String?
        do {
            try await withTimeout(policy.timeout) { [client] in try await client.send(event) }
            failure = nil
        } catch {
            failure = String(describing: error)
        }
        let now = clock.now()
        guard let failure else {
            try await database.writeStatement { tx in try await OutboxStore(tx: tx).markDelivered(event.eventId, at: now) }
            return .delivered
        }
        let policy = policy
        let attempts = try await database.write { tx in
            try await OutboxStore(tx: tx).markFailed(event.eventId, owner: claimedBy, error: failure) { attempts in
                Timestamp(rawValue: now.rawValue + policy.retryDelay(afterAttempts: attempts).seconds)
            }
        }
        // Nothing recorded: the event was delivered meanwhile, or another instance's relay holds it now.
        guard attempts > 0 else { return .skipped }
        return .failed(reason: failure, retryAt: Timestamp(rawValue: now.rawValue + policy.retryDelay(afterAttempts: attempts).seconds))
    }
}

/// The platform took longer than the policy's timeout.
struct DeliveryTimedOut: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "no acknowledgement within \(after)" }
}

/// Runs `operation`, failing with ``DeliveryTimedOut`` when it takes longer than `timeout` (real time, checked
/// by the shared coarse ticker, so a delivery arms no timer of its own).
func withTimeout(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + timeout
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await CoarseDeadlines.shared.wait(until: deadline)
            throw DeliveryTimedOut(after: timeout)
        }
        defer { group.cancelAll() }
        try await group.next()
    }
}
