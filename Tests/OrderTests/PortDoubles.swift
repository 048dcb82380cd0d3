import Kernel
import Order
import Synchronization
import Testing

/// A catalogue of prices and stock, answering like the Product context would.
struct StockTable: StockChecker {
    let products: [ProductID: (price: Int64, stock: Int64)]

    func checkStock(_ items: [OrderItem], in tx: Transaction) async throws -> [OrderLine] {
        try items.map { item in
            guard let product = products[item.productId] else { throw DomainError(.productNotFound, "no \(item.productId)") }
            guard product.stock >= item.quantity else { throw DomainError(.outOfStock, "short \(item.productId)") }
            return OrderLine(productId: item.productId, quantity: item.quantity, unitPrice: Money(won: product.price))
        }
    }
}

/// Fails the test when called: for flows that must stop before reaching this port.
struct UnexpectedCoupons: CouponValidator {
    func discount(coupon: CouponID, user: UserID, total: Money, in tx: Transaction) async throws -> Money {
        Issue.record("the coupon validator was called")
        return .zero
    }
}

/// Answers with a fixed discount, or fails with a code.
struct FixedCoupons: CouponValidator {
    let result: Result<Money, DomainError>
    func discount(coupon: CouponID, user: UserID, total: Money, in tx: Transaction) async throws -> Money {
        try result.get()
    }
}

/// Balances per user; records the amounts it was asked to cover.
final class Balances: BalanceChecker {
    let balances: [UserID: Int64]
    private let asked = Mutex<[Int64]>([])
    init(_ balances: [UserID: Int64]) { self.balances = balances }
    var amountsAsked: [Int64] { asked.withLock { $0 } }

    func checkBalance(user: UserID, covers amount: Money, in tx: Transaction) async throws {
        asked.withLock { $0.append(amount.won) }
        guard balances[user, default: 0] >= amount.won else { throw DomainError(.insufficientBalance, "poor") }
    }
}

/// Fails the test when called.
struct UnexpectedBalances: BalanceChecker {
    func checkBalance(user: UserID, covers amount: Money, in tx: Transaction) async throws {
        Issue.record("the balance checker was called")
    }
}
