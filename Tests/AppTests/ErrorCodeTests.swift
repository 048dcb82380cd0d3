import App
import Coupon
import Kernel
import Order
import Payment
import Point
import Product
import Testing

/// Each context declares its own codes; the composition root knows them all.
@Suite struct ErrorCodeTests {
    @Test func theSystemKnowsEveryCodeOnceWithTheSeedsWords() async throws {
        let app = try await CommerceApp.start()
        let codes = app.errorCodes
        #expect(
            codes.map(\.rawValue) == [
                "INVALID_ARGUMENT", "PRODUCT_NOT_FOUND", "OUT_OF_STOCK", "COUPON_NOT_FOUND", "COUPON_EXPIRED", "COUPON_ALREADY_USED",
                "COUPON_MIN_ORDER_NOT_MET", "COUPON_SOLD_OUT", "COUPON_ALREADY_ISSUED", "INSUFFICIENT_BALANCE", "INVALID_CHARGE_AMOUNT",
                "BALANCE_LIMIT_EXCEEDED", "ORDER_NOT_FOUND", "ORDER_EXPIRED", "ORDER_ALREADY_PAID", "IDEMPOTENCY_KEY_REUSED",
                "PAYMENT_NOT_FOUND",
            ])
        #expect(Set(codes).count == codes.count, "no two contexts declare one code")
        #expect(codes.allSatisfy { ErrorCode.isWellFormed($0.rawValue) })
        #expect(codes.filter(\.isNotFound) == [.productNotFound, .couponNotFound, .orderNotFound, .paymentNotFound])
        #expect(ErrorCode.couponExpired.seedWords == "쿠폰 사용 불가")
        #expect(ErrorCode.orderNotFound.seedWords == "주문 존재하지 않음")
        #expect(ErrorCode.insufficientBalance.seedWords == "잔고 부족")
        #expect(ErrorCode.couponSoldOut.seedWords == nil)
        try await app.close()
    }
}
