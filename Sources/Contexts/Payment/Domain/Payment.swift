import Kernel

/// A payment of an order.
public struct Payment: Sendable, Equatable {
    /// The payment's id.
    public let id: PaymentID
    public let orderId: OrderID
    public let userId: UserID
    /// What was taken from the payer's balance.
    public let amount: Money
    /// When it was made.
    public let createdAt: Timestamp
    /// The idempotency key it was made with, if any.
    public let idempotencyKey: String?
}

/// The answer to a payment request.
public struct PaymentReceipt: Sendable, Equatable {
    public let payment: Payment
    /// True when the request replayed an earlier one with the same idempotency key: nothing moved this time.
    public let isReplay: Bool
    /// Whether the data platform acknowledged the order before the answer (false during an outage: the outbox
    /// relay delivers it later).
    public let deliveredToDataPlatform: Bool
}
