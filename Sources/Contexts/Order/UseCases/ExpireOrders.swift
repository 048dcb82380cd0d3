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
                tracer.record(TraceMessage("Scheduler", .call, Self.name, "만료 대상 주문 조회"))
                tracer.record(TraceMessage(Self.name, .reply, "Scheduler", "만료 대상 주문 리스트 반환"))
                return (due: due, moved: try await store.expire(due, at: now))
            }
            for _ in batch.moved {
                tracer.record(TraceMessage("Scheduler", .call, Self.name, "주문 상태 변경 요청"))
                tracer.record(TraceMessage(Self.name, .call, Self.name, "주문 상태 변경"))
                tracer.record(TraceMessage(Self.name, .reply, "Scheduler", "상태 변경 완료"))
            }
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
