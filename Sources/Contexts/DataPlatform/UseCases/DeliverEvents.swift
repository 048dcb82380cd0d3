import Kernel

/// What one delivery attempt came to.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The platform acknowledged the event.
    case delivered
    /// The attempt failed; the relay will retry at `retryAt`.
    case failed(reason: String, retryAt: Timestamp)
    /// The platform refused the event once too often; it is parked until an operator requeues it.
    case deadLettered(reason: String)
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
    /// that two relays (two instances) never send one event at the same time. Returns a line per attempt. Once
    /// `stop` is requested it finishes the attempt in flight and tries no further event.
    public func relay(at now: Timestamp, stop: StopSignal = StopSignal()) async throws -> [String] {
        var lines: [String] = []
        let due = try await database.read { tx in try await OutboxStore(tx: tx).due(at: now, limit: 100) }
        for event in due where !stop.isRequested {
            // Read the clock again for each claim: an earlier delivery of this pass may have taken seconds, and a
            // lease counted from the pass's start would end early while this instance is still sending. (A pass
            // asked for a later instant than the clock shows keeps that instant.)
            let claimedAt = max(now, clock.now())
            let until = try claimedAt.adding(seconds: policy.lease.seconds)
            let owner = owner
            guard
                try await database.write({ tx in try await OutboxStore(tx: tx).claim(event.id, now: claimedAt, until: until, owner: owner) }
                )
            else { continue }
            switch try await attempt(event.event, claimedBy: owner) {
            case .delivered:
                lines.append("delivered event \(event.event.eventId) (attempt \(event.attempts + 1))")
            case .failed(let reason, let retryAt):
                lines.append(
                    "event \(event.event.eventId) not delivered (attempt \(event.attempts + 1)): \(reason); next try at \(retryAt.timeOfDay)"
                )
            case .deadLettered(let reason):
                lines.append("event \(event.event.eventId) dead-lettered (attempt \(event.attempts + 1)): \(reason)")
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
            stoppable: { now, stop in try await relay(at: now, stop: stop) })
    }

    /// One attempt; `claimedBy` is this instance's owner token when its relay claimed the event (nil for the
    /// immediate attempt after the commit, which holds the first lease without a claim).
    private func attempt(_ event: PlatformEvent, claimedBy: String? = nil) async throws -> DeliveryOutcome {
        let failure: (any Error)?
        do {
            try await withTimeout(policy.timeout) { [client] in try await client.send(event) }
            failure = nil
        } catch {
            failure = error
        }
        let now = clock.now()
        guard let failure else {
            try await database.writeStatement { tx in try await OutboxStore(tx: tx).markDelivered(event.eventId, at: now) }
            return .delivered
        }
        let reason = String(describing: failure)
        let rejected = failure is DataPlatformRejected
        let policy = policy
        return try await database.write { tx -> DeliveryOutcome in
            let store = OutboxStore(tx: tx)
            // Nothing recorded: the event was delivered meanwhile, or another instance's relay holds it now.
            guard
                let (attempts, rejections) = try await store.markFailed(event.eventId, owner: claimedBy, error: reason, rejected: rejected)
            else { return .skipped }
            if rejected, rejections >= policy.rejectionsBeforeDeadLetter {
                try await store.deadLetter(event.eventId, at: now)
                return .deadLettered(reason: reason)
            }
            let delay = policy.retryDelay(afterAttempts: attempts, retryAfter: (failure as? DataPlatformUnavailable)?.retryAfter)
            let retryAt = try now.adding(seconds: delay.seconds)
            try await store.schedule(event.eventId, at: retryAt)
            return .failed(reason: reason, retryAt: retryAt)
        }
    }
}
