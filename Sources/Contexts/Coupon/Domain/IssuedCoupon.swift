import Kernel

/// Where an issued coupon stands.
public enum CouponStatus: String, Sendable, Equatable, Codable {
    /// Issued and usable.
    case issued = "ISSUED"
    /// Used by a paid order.
    case used = "USED"
    /// Not used, and past its policy's validity.
    case expired = "EXPIRED"
}

/// A coupon issued to one user under a policy.
public struct IssuedCoupon: Sendable, Equatable {
    /// The issued coupon's id.
    public let id: CouponID
    /// The policy it was issued under.
    public let policyId: CouponPolicyID
    /// The name of that policy.
    public let name: String
    /// The user who holds it.
    public let userId: UserID
    /// Its status as of the time it was read (``CouponStatus/expired`` is derived from the clock).
    public let status: CouponStatus
    /// The paid order that used it.
    public let orderId: OrderID?
    /// When the policy's validity ends.
    public let validUntil: Timestamp?
}
