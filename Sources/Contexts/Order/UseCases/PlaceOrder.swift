import Kernel

extension OrderService {
    /// The seed's order flow, in one transaction: check stock, validate the coupon if one is given, compute the
    /// amounts, check that the balance covers the amount to pay, then record a `PENDING` order that expires
    /// after the time to live. Nothing is deducted.
    ///
    /// Items naming the same product are merged (their quantities add up). The first failing check gives the
    /// code: `INVALID_ARGUMENT` (no items, more than ``maxLines`` items, a quantity below 1),
    /// `PRODUCT_NOT_FOUND`, `OUT_OF_STOCK`, a `COUPON_*` code, `INSUFFICIENT_BALANCE`.
    public func place(user: UserID, items: [OrderItem], coupon: CouponID? = nil) async throws -> Order {
        guard items.count <= Self.maxLines else {
            throw DomainError.invalid("an order has at most \(Self.maxLines) lines, got \(items.count)")
        }
        let items = try OrderItem.merged(items)
        try Validate.positive(timeToLive.seconds, "order time to live")
        let now = clock.now()
        let expiresAt = try now.adding(seconds: timeToLive.seconds)
        return try await database.write { tx in
            let lines = try await stock.checkStock(items, in: tx)
            let total = try Money.sum(lines.map { line throws(DomainError) in try line.unitPrice.multiplied(by: line.quantity) })
            var discount = Money.zero
            if let coupon { discount = min(try await coupons.discount(coupon: coupon, user: user, total: total, in: tx), total) }
            let pay = try total.subtracting(discount)
            try await balances.checkBalance(user: user, covers: pay, in: tx)
            let id = try await OrderStore(tx: tx).insert(
                user: user, lines: lines, coupon: coupon, total: total, discount: discount, pay: pay,
                createdAt: now, expiresAt: expiresAt)
            return Order(
                id: id, userId: user, status: .pending, lines: lines, couponId: coupon, totalAmount: total, discountAmount: discount,
                payAmount: pay, createdAt: now, expiresAt: expiresAt, paidAt: nil)
        }
    }

    /// The most lines one order may have: what one statement and one response reasonably hold.
    public static let maxLines = 100

    static func existing(_ id: OrderID, in store: OrderStore) async throws -> Order {
        guard let order = try await store.find(id) else { throw notFound(id) }
        return order
    }

    static func notFound(_ id: OrderID) -> DomainError {
        DomainError(.orderNotFound, "order \(id) does not exist")
    }
}
