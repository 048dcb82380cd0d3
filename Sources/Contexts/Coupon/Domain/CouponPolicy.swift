import Kernel

/// How a coupon takes money off an order.
public enum DiscountRule: Sendable, Equatable {
    /// A fixed amount off, never below 0.
    case fixed(Money)
    /// `floor(total × percent / 100)`, capped at `max` when given.
    case percent(Int64, max: Money?)

    /// `FIXED` or `PERCENT`.
    public var type: String {
        switch self {
        case .fixed: "FIXED"
        case .percent: "PERCENT"
        }
    }

    /// The discount on an order of `total` won: at most the total, so the amount to pay is never negative.
    public func discount(on total: Money) throws(DomainError) -> Money {
        switch self {
        case .fixed(let amount):
            return min(amount, total)
        case .percent(let percent, let max):
            let discount = try total.percentage(percent)
            guard let max else { return discount }
            return min(discount, max)
        }
    }

    func validate() throws(DomainError) {
        switch self {
        case .fixed(let amount):
            try Validate.positive(amount.won, "fixed discount")
        case .percent(let percent, let max):
            try Validate.within(percent, 1...100, "percent")
            if let max { try Validate.positive(max.won, "max") }
        }
    }
}

/// How long a new coupon policy stays valid.
public enum CouponValidity: Sendable, Equatable {
    case unlimited
    /// For this long after the policy is created.
    case lasting(TimeSpan)
    /// Until this instant (exclusive).
    case until(Timestamp)
}

/// A coupon policy: the discount, how many may be issued, the minimum order, and the validity.
public struct CouponPolicy: Sendable, Equatable {
    /// The policy's id.
    public let id: CouponPolicyID
    /// The name shown to people.
    public let name: String
    public let rule: DiscountRule
    /// How many coupons may be issued in all; nil for no cap.
    public let quantity: Int64?
    /// How many have been issued.
    public let issued: Int64
    /// The smallest order total the coupon applies to.
    public let minOrder: Money
    /// Coupons are valid while `now < validUntil`; nil for no end.
    public let validUntil: Timestamp?
    /// When the policy was created.
    public let createdAt: Timestamp

    /// Whether the policy's coupons have expired at `now`.
    public func isExpired(at now: Timestamp) -> Bool {
        guard let validUntil else { return false }
        return now >= validUntil
    }
}
