import Kernel
import Order

extension Handlers {
    static func orderPlace(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let order = try await session.app.placeOrder(
            user: try Values.id(try call.required("user"), "user"), items: try Values.items(try call.required("items")),
            coupon: try call.key("coupon").map { v throws(DomainError) in try Values.id(v, "coupon id") })
        return [EntityView(order).line] + session.bound(call, "\(order.id)")
    }

    static func orderShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.orders.order(try Values.id(try call.requiredOperand(0), "order id"))).line]
    }

    static func orderList(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let status = try call.key("status").map { text throws(DomainError) in
            guard let status = OrderStatus(rawValue: text.uppercased()) else {
                throw DomainError.invalid("status must be PENDING, PAID or EXPIRED, got '\(text)'")
            }
            return status
        }
        let user = try call.key("user").map { v throws(DomainError) -> UserID in try Values.id(v, "user") }
        let orders = try await session.app.orders.orders(user: user, status: status)
        return orders.isEmpty ? ["no orders"] : orders.map { EntityView($0).line }
    }

    static func pay(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let receipt = try await session.app.pay(
            order: try Values.id(try call.required("order"), "order id"), user: try Values.id(try call.required("user"), "user"),
            idempotencyKey: call.key("key"))
        let note =
            receipt.isReplay
            ? "replayed: key \(Values.printed(receipt.payment.idempotencyKey)) already paid order \(receipt.payment.orderId); nothing moved"
            : receipt.deliveredToDataPlatform
                ? "order \(receipt.payment.orderId) PAID; the data platform confirmed it"
                : "order \(receipt.payment.orderId) PAID; the data platform did not answer, the outbox will retry"
        return [EntityView(receipt.payment).line, session.terminal.dim(note)] + session.bound(call, "\(receipt.payment.id)")
    }

    static func paymentShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.payments.payment(try Values.id(try call.requiredOperand(0), "payment id"))).line]
    }
}
