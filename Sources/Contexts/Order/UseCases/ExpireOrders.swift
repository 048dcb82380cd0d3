import Kernel

extension OrderService {
    /// How many due orders one statement expires; each batch is its own short transaction, so payments are
    /// not held up behind a large sweep.
    static let expiryBatch = 1_000

    /// Moves every `PENDING` order whose deadline is at or before `now` to `EXPIRED` (the seed's scheduler
    /// diagram) and returns the ids it moved. Each move is conditional (`status = 'PENDING'`), so an order paid
    /// meanwhile stays paid.
    public func expireDue(at now: Timestamp) async throws -> [OrderID] {
        var expired: [OrderID] = []
        while true {
            let batch = try await database.write { tx in
                let store = OrderStore(tx: tx)
                let due = try await store.dueForExpiry(at: now, limit: Self.expiryBatch)
                guard !due.isEmpty else { return (due: [OrderID](), moved: [OrderID]()) }
                return (due: due, moved: try await store.expire(due, at: now))
            }
            if !batch.due.isEmpty { expiryObserver.found(batch.due) }
            for order in batch.moved { expiryObserver.expired(order) }
            expired += batch.moved
            if batch.due.count < Self.expiryBatch { return expired }
        }
    }

    /// The expiry job: every minute of clock time.
    var expiryJob: ScheduledJob {
        ScheduledJob(
            name: "order-expiry", interval: .minutes(1),
            nextWork: { try await database.read { tx in try await OrderStore(tx: tx).earliestPendingExpiry() } },
            run: { now in try await expireDue(at: now).map { "expired order \($0)" } })
    }
}
