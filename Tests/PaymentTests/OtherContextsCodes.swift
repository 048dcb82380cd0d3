import Kernel

/// The codes of the contexts behind Payment's ports, which this test target does not link: the port doubles fail
/// with them as those contexts would.
extension ErrorCode {
    static let orderNotFound = ErrorCode("ORDER_NOT_FOUND")
    static let orderExpired = ErrorCode("ORDER_EXPIRED")
    static let outOfStock = ErrorCode("OUT_OF_STOCK")
    static let couponAlreadyUsed = ErrorCode("COUPON_ALREADY_USED")
    static let insufficientBalance = ErrorCode("INSUFFICIENT_BALANCE")
}
