import Kernel

/// The codes of the contexts behind Order's ports, which this test target does not link: the port doubles fail
/// with them as those contexts would.
extension ErrorCode {
    static let productNotFound = ErrorCode("PRODUCT_NOT_FOUND")
    static let outOfStock = ErrorCode("OUT_OF_STOCK", seedWords: "상품 재고 부족")
    static let couponExpired = ErrorCode("COUPON_EXPIRED", seedWords: "쿠폰 사용 불가")
    static let insufficientBalance = ErrorCode("INSUFFICIENT_BALANCE", seedWords: "잔고 부족")
}
