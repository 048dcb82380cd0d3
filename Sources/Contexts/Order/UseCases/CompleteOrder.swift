import Kernel

extension OrderService {
    /// Marks a payable order `PAID` (the seed's 주문 완료 처리) with a conditional update, so that a payment
    /// racing the expiry job has exactly one winner. Returns when it was paid.
    public func complete(_ id: OrderID, in tx: Transaction) async throws -> Timestamp {
        let now = clock.now()
        let store = OrderStore(tx: tx)
        guard try await store.markPaid(id, at: now) else {
            try check(try await Self.existing(id, in: store), payableAt: now)
            throw DomainError(.orderExpired, "order \(id) can no longer be paid")
        }
        return now
    }
}
