import Coupon
import Kernel
import Order
import Point
import Product

/// The Order context's ports, served by the Product, Coupon and Point doors, each call traced with the
/// seed's order diagram.

struct StockCheckerAdapter: StockChecker {
    let catalog: ProductCatalog
    let tracer: any Tracer

    func checkStock(_ items: [OrderItem], in tx: Transaction) async throws -> [OrderLine] {
        try await TracedCall(tracer: tracer, caller: OrderService.name, callee: ProductCatalog.name)
            .run("상품 정보 및 재고 검증 요청", work: "재고 검증", reply: "재고 검증 반환") {
                try await catalog.quote(items.map { StockLine(productId: $0.productId, quantity: $0.quantity) }, in: tx)
                    .map { OrderLine(productId: $0.productId, quantity: $0.quantity, unitPrice: $0.unitPrice) }
            }
    }
}

struct CouponValidatorAdapter: CouponValidator {
    let coupons: CouponService
    let tracer: any Tracer

    func discount(coupon: CouponID, user: UserID, total: Money, in tx: Transaction) async throws -> Money {
        try await TracedCall(tracer: tracer, caller: OrderService.name, callee: CouponService.name)
            .run("쿠폰 검증 요청", work: "쿠폰 검증", reply: "쿠폰 유효성 확인 반환") {
                try await coupons.validate(coupon, for: user, total: total, in: tx)
            }
    }
}

struct BalanceCheckerAdapter: BalanceChecker {
    let points: PointService
    let tracer: any Tracer

    func checkBalance(user: UserID, covers amount: Money, in tx: Transaction) async throws {
        try await TracedCall(tracer: tracer, caller: OrderService.name, callee: PointService.name)
            .run("잔고 검증 요청", work: "잔고 검증", reply: "잔고 검증 반환") {
                try await points.checkCovers(user, amount: amount, in: tx)
            }
    }
}
