import Kernel
import Order
import Payment

extension CommerceApp {
    /// The seed's order flow as a user starts it (`User ->> Order: 주문 요청`), traced from request to answer.
    public func placeOrder(user: UserID, items: [OrderItem], coupon: CouponID? = nil) async throws -> Order {
        try await asUser(OrderService.name, request: "주문 요청", success: "주문 생성 완료") {
            try await orders.place(user: user, items: items, coupon: coupon)
        }
    }

    /// The seed's payment flow as a user starts it (`User ->> Payment: 결제를 요청`), traced from request to answer.
    public func pay(order: OrderID, user: UserID, idempotencyKey: String? = nil) async throws -> PaymentReceipt {
        try await asUser(PaymentService.name, request: "결제를 요청", success: "결제 성공") {
            try await payments.pay(order: order, user: user, idempotencyKey: idempotencyKey)
        }
    }

    /// Runs a user's request traced, and near the database's writer: on SQLite the use case's transactions and
    /// the work between them (a payment, its delivery, the record of the delivery) then cost one thread hop.
    private func asUser<T: Sendable>(_ service: String, request: String, success: String, _ body: () async throws -> T) async throws -> T {
        tracer.record(TraceMessage(SeedLabels.user, .call, service, request))
        do {
            let result = try await database.withWriterAffinity(body)
            tracer.record(TraceMessage(service, .reply, SeedLabels.user, success))
            metrics?.useCaseEnded(service, outcome: "ok")
            return result
        } catch let error as DomainError {
            tracer.record(TraceMessage(service, .reply, SeedLabels.user, SeedLabels.failureResponse(error.code)))
            metrics?.useCaseEnded(service, outcome: error.code.rawValue)
            throw error
        } catch {
            metrics?.useCaseEnded(service, outcome: "ERROR")
            throw error
        }
    }
}
