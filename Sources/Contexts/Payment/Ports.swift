import Kernel

/// What the Payment context needs from the others, in its own words. Every method that takes a
/// ``Transaction`` runs inside the payment's one transaction.

/// An order as the payment sees it.
public struct PayableOrder: Sendable, Equatable {
    public let orderId: OrderID
    public let userId: UserID
    /// What to take out of stock.
    public let lines: [PaymentLine]
    /// The coupon to use, if any.
    public let couponId: CouponID?
    /// The order's total before the discount (the coupon's minimum is checked against it).
    public let totalAmount: Money
    /// The coupon's discount.
    public let discountAmount: Money
    /// What to take from the balance.
    public let payAmount: Money

    /// An order ready to be paid.
    public init(
        orderId: OrderID, userId: UserID, lines: [PaymentLine], couponId: CouponID?, totalAmount: Money,
        discountAmount: Money, payAmount: Money
    ) {
        self.orderId = orderId
        self.userId = userId
        self.lines = lines
        self.couponId = couponId
        self.totalAmount = totalAmount
        self.discountAmount = discountAmount
        self.payAmount = payAmount
    }
}

/// A product and a quantity to take out of stock, with the price paid.
public struct PaymentLine: Sendable, Equatable, Codable {
    public let productId: ProductID
    /// How many units.
    public let quantity: Int64
    /// The unit price captured when the order was placed.
    public let unitPrice: Money

    public init(productId: ProductID, quantity: Int64, unitPrice: Money) {
        self.productId = productId
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// The orders to be paid (the seed's 주문정보 상태 확인 요청 and 주문 완료 요청).
public protocol PayableOrders: Sendable {
    /// Makes concurrent payments of one order wait for each other from here on (a row lock on PostgreSQL),
    /// before anything is read: so that a repeated idempotency key sees the first payment.
    func lockForPayment(_ order: OrderID, in tx: Transaction) async throws
    /// The order, if it exists, is the payer's, and can still be paid; else `ORDER_NOT_FOUND`,
    /// `ORDER_ALREADY_PAID` or `ORDER_EXPIRED`.
    func confirmPayable(_ order: OrderID, user: UserID, in tx: Transaction) async throws -> PayableOrder
    /// Marks the order paid; returns when.
    func complete(_ order: OrderID, in tx: Transaction) async throws -> Timestamp
}

/// Takes stock (the seed's 상품 재고 차감 요청).
public protocol StockDeductor: Sendable {
    /// Takes every line or none; `OUT_OF_STOCK` otherwise.
    func deductStock(_ lines: [PaymentLine], in tx: Transaction) async throws
}

/// Uses coupons (the seed's 쿠폰 사용 처리 요청).
public protocol CouponRedeemer: Sendable {
    /// Checks the coupon again and marks it used by the order; a `COUPON_*` code otherwise.
    func redeem(_ coupon: CouponID, user: UserID, order: OrderID, total: Money, in tx: Transaction) async throws
}

/// Takes points (the seed's 잔고 차감 요청).
public protocol PointLedger: Sendable {
    /// Takes `amount` from the balance; `INSUFFICIENT_BALANCE` otherwise.
    func deductPoints(user: UserID, amount: Money, order: OrderID, in tx: Transaction) async throws
}

/// A completed payment, as reported to the data platform.
public struct PaidOrder: Sendable, Equatable, Codable {
    /// Unique per paid order.
    public let eventId: String
    public let paymentId: PaymentID
    public let orderId: OrderID
    public let userId: UserID
    public let items: [PaymentLine]
    /// The coupon used, if any.
    public let couponId: CouponID?
    /// Before the discount.
    public let totalAmount: Money
    public let discountAmount: Money
    public let payAmount: Money
    public let paidAt: Timestamp
}

/// Reports paid orders to the data platform (the seed's 주문정보 전송): recorded in the payment's transaction,
/// sent right after it commits.
public protocol PaidOrderPublisher: Sendable {
    /// Records the event in the payment's transaction.
    func record(_ paid: PaidOrder, in tx: Transaction) async throws
    /// Sends the recorded event once, after the commit; true when the platform acknowledged it. Never throws:
    /// an outage must not fail a payment that has been committed.
    func publish(_ paid: PaidOrder) async -> Bool
}
