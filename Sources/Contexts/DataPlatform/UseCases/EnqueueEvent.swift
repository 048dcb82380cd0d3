import Kernel

extension DataPlatformService {
    /// Writes an event to the outbox in the caller's transaction, so it exists exactly when what it reports was
    /// committed. Its first attempt belongs to ``deliverNow(_:)`` right after the commit; the relay keeps
    /// off it for one lease unless that attempt fails.
    public func enqueue(_ event: PlatformEvent, in tx: Transaction) async throws {
        let now = clock.now()
        try await OutboxStore(tx: tx).insert(event, now: now, firstAttemptBy: try now.adding(seconds: policy.lease.seconds))
    }

    /// Every event in the outbox, oldest first.
    public func events() async throws -> [OutboxEvent] {
        try await database.read { tx in try await OutboxStore(tx: tx).all() }
    }

    /// How many events are pending and delivered.
    public func counts() async throws -> OutboxCounts {
        try await database.read { tx in try await OutboxStore(tx: tx).counts() }
    }
}
