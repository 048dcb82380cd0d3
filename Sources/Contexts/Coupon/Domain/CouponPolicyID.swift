import Kernel

/// The tag of a coupon policy's id, which no other context names.
public enum CouponPolicyEntity: EntityKind { public static let noun = "coupon policy" }

/// A coupon policy (`coupon create`).
public typealias CouponPolicyID = TypedID<CouponPolicyEntity>
