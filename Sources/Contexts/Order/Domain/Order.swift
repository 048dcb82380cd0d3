import Kernel

/// Where an order stands.
public enum OrderStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// Placed, not yet paid; nothing has been deducted.
    case pending = "PENDING"
    /// Paid: stock, coupon and points were taken in the payment's transaction.
    case paid = "PAID"
    /// Left unpaid until `expiresAt`.
    case expired = "EXPIRED"
}

/// What a customer asks for: a product and how many.
public struct OrderItem: Sendable, Equatable, Hashable, Codable {
    public let productId: ProductID
    /// How many units; at least 1.
    public let quantity: Int64

    /// An item of an order request.
    public init(productId: ProductID, quantity: Int64) {
        self.productId = productId
        self.quantity = quantity
    }

    /// Validates items and merges those naming the same product (quantities add up), in ascending product id.
    /// `INVALID_ARGUMENT` for no items, a quantity below 1, or a merged quantity past 64 bits.
    public static func merged(_ items: [OrderItem]) throws(DomainError) -> [OrderItem] {
        try Quantities.merged(items.map { ($0.productId, $0.quantity) }, noun: "product").map {
            OrderItem(productId: $0.key, quantity: $0.quantity)
        }
    }
}

/// A line of a placed order, with the unit price captured when it was placed.
public struct OrderLine: Sendable, Equatable, Codable {
    public let productId: ProductID
    /// How many units.
    public let quantity: Int64
    /// The unit price at order time.
    public let unitPrice: Money

    /// A line of an order.
    public init(productId: ProductID, quantity: Int64, unitPrice: Money) {
        self.productId = productId
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// An order and its amounts.
public struct Order: Sendable, Equatable {
    /// The order's id.
    public let id: OrderID
    public let userId: UserID
    /// Pending, paid or expired.
    public let status: OrderStatus
    /// The lines, in ascending product id.
    public let lines: [OrderLine]
    /// The issued coupon applied, if any.
    public let couponId: CouponID?
    /// Σ unit price × quantity.
    public let totalAmount: Money
    /// What the coupon takes off.
    public let discountAmount: Money
    /// `totalAmount − discountAmount`: what the payment takes from the balance.
    public let payAmount: Money
    /// When it was placed.
    public let createdAt: Timestamp
    /// When it can no longer be paid.
    public let expiresAt: Timestamp
    /// When it was paid.
    public let paidAt: Timestamp?
}
