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
            .run(SeedLabels.checkStock) {
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
            .run(SeedLabels.validateCoupon) {
                try await coupons.validate(coupon, for: user, total: total, in: tx)
            }
    }
}

struct BalanceCheckerAdapter: BalanceChecker {
    let points: PointService
    let tracer: any Tracer

    func checkBalance(user: UserID, covers amount: Money, in tx: Transaction) async throws {
        try await TracedCall(tracer: tracer, caller: OrderService.name, callee: PointService.name)
            .run(SeedLabels.checkBalance) {
                try await points.checkCovers(user, amount: amount, in: tx)
            }
    }
}
