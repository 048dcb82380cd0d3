import Coupon
import Kernel
import Payment
import Point
import Product

/// A bug planted on purpose, to prove that the simulator's oracle finds what it claims to find
/// (`commerce simulate --plant-bug`, `commerce run --plant-bug`). Each replaces one of the payment's port
/// adapters with a broken one, in the composition root: no context's code changes. Never for production.
public enum PlantedBug: String, Sendable, CaseIterable, Codable {
    /// The stock deduction ignores its condition: a payment whose stock ran out goes through and oversells.
    case stockUnchecked = "stock-unchecked"
    /// The coupon is redeemed without its check: a coupon used by one paid order is used again.
    case couponUnchecked = "coupon-unchecked"
    /// The point deduction ignores a short balance: the order is paid and the points stay.
    case pointsUnchecked = "points-unchecked"
    /// The payment writes no outbox event: the data platform never hears of the order.
    case eventDropped = "event-dropped"
}

/// ``PlantedBug/stockUnchecked``: a shortage is swallowed.
struct UncheckedStockDeductor: StockDeductor {
    let base: any StockDeductor

    func deductStock(_ lines: [PaymentLine], in tx: Transaction) async throws {
        do { try await base.deductStock(lines, in: tx) } catch let error as DomainError where error.code == .outOfStock {}
    }
}

/// ``PlantedBug/couponUnchecked``: any refusal of the coupon is swallowed.
struct UncheckedCouponRedeemer: CouponRedeemer {
    let base: any CouponRedeemer

    func redeem(_ coupon: CouponID, user: UserID, order: OrderID, total: Money, in tx: Transaction) async throws {
        do { try await base.redeem(coupon, user: user, order: order, total: total, in: tx) } catch is DomainError {}
    }
}

/// ``PlantedBug/pointsUnchecked``: a short balance is swallowed.
struct UncheckedPointLedger: PointLedger {
    let base: any PointLedger

    func deductPoints(user: UserID, amount: Money, order: OrderID, in tx: Transaction) async throws {
        do {
            try await base.deductPoints(user: user, amount: amount, order: order, in: tx)
        } catch let error as DomainError where error.code == .insufficientBalance {}
    }
}

/// ``PlantedBug/eventDropped``: nothing is recorded and nothing is sent.
struct DroppingPublisher: PaidOrderPublisher {
    func record(_ paid: PaidOrder, in tx: Transaction) async throws {}
    func publish(_ paid: PaidOrder) async -> Bool { false }
}
