import Kernel

extension PaymentService {
    /// The seed's payment flow. In ONE transaction, in the diagram's order: the order is confirmed payable,
    /// stock is deducted, the coupon used (checked again), points deducted, the order completed, the payment
    /// recorded and the data platform's event written. Any failure rolls all of it back and the order stays
    /// `PENDING`. After the commit, before answering, the event is sent once; an outage does not fail the
    /// payment (the outbox relay retries).
    ///
    /// With an idempotency key, a repeated request for the same order returns the first payment and moves
    /// nothing; the key with another order is `IDEMPOTENCY_KEY_REUSED`. A key whose payment failed is not
    /// remembered.
    public func pay(order orderId: OrderID, user: UserID, idempotencyKey: String? = nil) async throws -> PaymentReceipt {
        let key = try idempotencyKey.map(Self.validKey)
        let outcome = try await database.write { tx -> (Payment, PaidOrder?) in
            let store = PaymentStore(tx: tx)
            try await orders.lockForPayment(orderId, in: tx)
            if let key, let earlier = try await store.find(user: user, key: key) {
                guard earlier.orderId == orderId else {
                    throw DomainError(.idempotencyKeyReused, "key '\(key)' was used for order \(earlier.orderId), not order \(orderId)")
                }
                return (earlier, nil)
            }
            let order = try await orders.confirmPayable(orderId, user: user, in: tx)
            try await stock.deductStock(order.lines, in: tx)
            if let coupon = order.couponId {
                try await coupons.redeem(coupon, user: user, order: orderId, total: order.totalAmount, in: tx)
            }
            try await points.deductPoints(user: user, amount: order.payAmount, order: orderId, in: tx)
            let paidAt = try await orders.complete(orderId, in: tx)
            let payment = try await store.insert(order: orderId, user: user, amount: order.payAmount, key: key, now: paidAt)
            let paid = PaidOrder(
                eventId: eventIds.next(), paymentId: payment.id, orderId: orderId, userId: user, items: order.lines,
                couponId: order.couponId, totalAmount: order.totalAmount, discountAmount: order.discountAmount,
                payAmount: order.payAmount, paidAt: paidAt)
            try await publisher.record(paid, in: tx)
            return (payment, paid)
        }
        guard let paid = outcome.1 else {
            return PaymentReceipt(payment: outcome.0, isReplay: true, deliveredToDataPlatform: false)
        }
        let delivered = await publisher.publish(paid)
        return PaymentReceipt(payment: outcome.0, isReplay: false, deliveredToDataPlatform: delivered)
    }

    /// One payment, or `PAYMENT_NOT_FOUND`.
    public func payment(_ id: PaymentID) async throws -> Payment {
        guard let payment = try await database.read({ tx in try await PaymentStore(tx: tx).find(id) }) else {
            throw DomainError(.paymentNotFound, "payment \(id) does not exist")
        }
        return payment
    }

    /// Every payment, by id: for audits such as the simulator's oracle (one payment per paid order).
    public func payments() async throws -> [Payment] {
        try await database.read { tx in try await PaymentStore(tx: tx).all() }
    }

    static func validKey(_ key: String) throws(DomainError) -> String {
        guard !key.isEmpty else { throw .invalid("an idempotency key must not be empty") }
        return try Validate.text(key, "an idempotency key", maxBytes: 200)
    }
}
