import Kernel
import Payment
import Synchronization

/// Every port of the Payment context in one double: records the calls in order, and fails the step named in
/// `failAt` with its code. It also writes a row per call into a table of the test database, so a test can see
/// that a failed payment's transaction rolled those writes back.
final class RecordingPorts: PayableOrders, StockDeductor, CouponRedeemer, PointLedger, PaidOrderPublisher {
    let order: PayableOrder
    let failAt: [String: ErrorCode]
    private let log = Mutex<[String]>([])

    init(order: PayableOrder, failAt: [String: ErrorCode] = [:]) {
        self.order = order
        self.failAt = failAt
    }

    var calls: [String] { log.withLock { $0 } }

    static let sideEffects = CommerceModule(
        name: "Test",
        migrations: [
            Migration(id: "test.001", statements: ["CREATE TABLE side_effects (step TEXT NOT NULL)"])
        ])

    private func step(_ name: String, _ tx: Transaction?) async throws {
        log.withLock { $0.append(name) }
        if let tx { try await tx.execute("INSERT INTO side_effects (step) VALUES (\(bind: name))") }
        if let code = failAt[name] { throw DomainError(code, "\(name) failed") }
    }

    func lockForPayment(_ id: OrderID, in tx: Transaction) async throws {}

    func confirmPayable(_ id: OrderID, user: UserID, in tx: Transaction) async throws -> PayableOrder {
        try await step("confirm", tx)
        guard id == order.orderId, user == order.userId else { throw DomainError(.orderNotFound, "no such order") }
        return order
    }

    func complete(_ order: OrderID, in tx: Transaction) async throws -> Timestamp {
        try await step("complete", tx)
        return SimulatedClock.defaultStart
    }

    func deductStock(_ lines: [PaymentLine], in tx: Transaction) async throws { try await step("stock", tx) }

    func redeem(_ coupon: CouponID, user: UserID, order: OrderID, total: Money, in tx: Transaction) async throws {
        try await step("coupon", tx)
    }

    func deductPoints(user: UserID, amount: Money, order: OrderID, in tx: Transaction) async throws {
        try await step("points", tx)
    }

    func record(_ paid: PaidOrder, in tx: Transaction) async throws { try await step("record", tx) }

    func publish(_ paid: PaidOrder) async -> Bool {
        try? await step("publish", nil)
        return failAt["publish"] == nil
    }
}
