import Kernel

extension OrderService {
    /// The payment's first check (the seed's 주문정보 상태 확인 요청), in the payment's transaction: the order
    /// exists and is the payer's (`ORDER_NOT_FOUND`), is not paid (`ORDER_ALREADY_PAID`), and is neither expired
    /// nor at or past its deadline by the clock, even before the expiry job has run (`ORDER_EXPIRED`).
    public func confirmPayable(_ id: OrderID, user: UserID, in tx: Transaction) async throws -> Order {
        let order = try await Self.existing(id, in: OrderStore(tx: tx))
        guard order.userId == user else { throw Self.notFound(id) }
        try check(order, payableAt: clock.now())
        return order
    }

    /// Holds the order for the payment's transaction: concurrent payments of one order queue here.
    public func lockForPayment(_ id: OrderID, in tx: Transaction) async throws {
        try await OrderStore(tx: tx).lock(id)
    }

    func check(_ order: Order, payableAt now: Timestamp) throws(DomainError) {
        switch order.status {
        case .paid:
            throw DomainError(.orderAlreadyPaid, "order \(order.id) was paid at \(order.paidAt.map(\.description) ?? "-")")
        case .expired:
            throw Self.expired(order)
        case .pending:
            guard now < order.expiresAt else { throw Self.expired(order) }
        }
    }

    static func expired(_ order: Order) -> DomainError {
        DomainError(.orderExpired, "order \(order.id) expired at \(order.expiresAt)")
    }
}
