import Kernel

/// What the Order context needs from the others, in its own words. The composition root adapts the other
/// contexts' doors to these; the Order context never imports them.

/// Checks that products exist and have stock, and prices them (the seed's 상품 정보 및 재고 검증 요청).
public protocol StockChecker: Sendable {
    /// The items as order lines priced now, or `PRODUCT_NOT_FOUND` / `OUT_OF_STOCK`.
    func checkStock(_ items: [OrderItem], in tx: Transaction) async throws -> [OrderLine]
}

/// Validates a user's coupon for an order total (the seed's 쿠폰 검증 요청).
public protocol CouponValidator: Sendable {
    /// The discount, or one of the `COUPON_*` codes.
    func discount(coupon: CouponID, user: UserID, total: Money, in tx: Transaction) async throws -> Money
}

/// Checks that a balance covers an amount (the seed's 잔고 검증 요청).
public protocol BalanceChecker: Sendable {
    /// Returns when the balance covers `amount`; `INSUFFICIENT_BALANCE` otherwise.
    func checkBalance(user: UserID, covers amount: Money, in tx: Transaction) async throws
}

/// Told what the expiry sweep does, so that the composition root can draw it (the seed's scheduler diagram)
/// without the Order context knowing who runs it or how it is drawn.
public protocol ExpiryObserver: Sendable {
    /// A batch of `PENDING` orders past their deadline was found (before any of them moved).
    func found(_ due: [OrderID])
    /// One of them was moved to `EXPIRED`.
    func expired(_ order: OrderID)
}

/// Observes nothing.
public struct NoExpiryObserver: ExpiryObserver {
    /// An observer that ignores the sweep.
    public init() {}
    public func found(_ due: [OrderID]) {}
    public func expired(_ order: OrderID) {}
}
