/// The stable error codes of docs/console.md: the same in the REPL, in scripts, in HTTP bodies and in logs.
///
/// The raw values are a user contract; never rename one.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    case productNotFound = "PRODUCT_NOT_FOUND"
    case outOfStock = "OUT_OF_STOCK"
    case couponNotFound = "COUPON_NOT_FOUND"
    case couponExpired = "COUPON_EXPIRED"
    case couponAlreadyUsed = "COUPON_ALREADY_USED"
    case couponMinOrderNotMet = "COUPON_MIN_ORDER_NOT_MET"
    case couponSoldOut = "COUPON_SOLD_OUT"
    case couponAlreadyIssued = "COUPON_ALREADY_ISSUED"
    case insufficientBalance = "INSUFFICIENT_BALANCE"
    case invalidChargeAmount = "INVALID_CHARGE_AMOUNT"
    case balanceLimitExceeded = "BALANCE_LIMIT_EXCEEDED"
    case orderNotFound = "ORDER_NOT_FOUND"
    case orderExpired = "ORDER_EXPIRED"
    case orderAlreadyPaid = "ORDER_ALREADY_PAID"
    case idempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED"
    /// An extension of the docs/console.md table: `payment show` of an unknown payment.
    case paymentNotFound = "PAYMENT_NOT_FOUND"
    case invalidArgument = "INVALID_ARGUMENT"

    /// The words of the seed's failure branch for this code, where the seed has one.
    public var seedWords: String? {
        switch self {
        case .outOfStock: "상품 재고 부족"
        case .couponNotFound, .couponExpired, .couponAlreadyUsed, .couponMinOrderNotMet: "쿠폰 사용 불가"
        case .insufficientBalance: "잔고 부족"
        case .orderNotFound: "주문 존재하지 않음"
        default: nil
        }
    }

    /// True for the `*_NOT_FOUND` codes, which edges map to "not found" (HTTP 404).
    public var isNotFound: Bool { rawValue.hasSuffix("_NOT_FOUND") }
}
