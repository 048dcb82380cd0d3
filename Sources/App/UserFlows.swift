import Kernel
import Order
import Payment

extension CommerceApp {
    /// The seed's order flow as a user starts it (`User ->> Order: 주문 요청`), traced from request to answer.
    public func placeOrder(user: UserID, items: [OrderItem], coupon: CouponID? = nil) async throws -> Order {
        try await asUser(OrderService.name, SeedLabels.placeOrder) {
            try await orderService.place(user: user, items: items, coupon: coupon)
        }
    }

    /// The seed's payment flow as a user starts it (`User ->> Payment: 결제를 요청`), traced from request to answer.
    public func pay(order: OrderID, user: UserID, idempotencyKey: String? = nil) async throws -> PaymentReceipt {
        try await asUser(PaymentService.name, SeedLabels.pay) {
            try await paymentService.pay(order: order, user: user, idempotencyKey: idempotencyKey)
        }
    }

    /// Runs a user's request traced, and near the database's writer: on SQLite the use case's transactions and
    /// the work between them (a payment, its delivery, the record of the delivery) then cost one thread hop.
    private func asUser<T: Sendable>(_ service: String, _ exchange: SeedExchange, _ body: () async throws -> T) async throws -> T {
        tracer.record(TraceMessage(SeedLabels.user, .call, service, exchange.request))
        do {
            let result = try await database.withWriterAffinity(body)
            tracer.record(TraceMessage(service, .reply, SeedLabels.user, exchange.reply))
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
