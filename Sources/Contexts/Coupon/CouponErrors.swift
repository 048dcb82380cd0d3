import Kernel

/// The Coupon context's error codes (docs/console.md), with the seed's words where its diagrams have a branch for them.
extension ErrorCode {
    public static let couponNotFound = ErrorCode("COUPON_NOT_FOUND", seedWords: "쿠폰 사용 불가")
    public static let couponExpired = ErrorCode("COUPON_EXPIRED", seedWords: "쿠폰 사용 불가")
    public static let couponAlreadyUsed = ErrorCode("COUPON_ALREADY_USED", seedWords: "쿠폰 사용 불가")
    public static let couponMinOrderNotMet = ErrorCode("COUPON_MIN_ORDER_NOT_MET", seedWords: "쿠폰 사용 불가")
    public static let couponSoldOut = ErrorCode("COUPON_SOLD_OUT")
    public static let couponAlreadyIssued = ErrorCode("COUPON_ALREADY_ISSUED")
}

extension CouponService {
    /// Every code the context can fail with, for its ``CommerceModule``.
    public static let errorCodes: [ErrorCode] = [
        .couponNotFound, .couponExpired, .couponAlreadyUsed, .couponMinOrderNotMet, .couponSoldOut, .couponAlreadyIssued,
    ]
}
