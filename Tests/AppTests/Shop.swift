import App
import Coupon
import DataPlatform
import Kernel
import Order
import Payment
import Point
import Product
import TestSupport
import Testing

/// A running system on real SQLite with helpers that say what a scenario does.
struct Shop {
    let app: CommerceApp
    let recorder: InMemoryDataPlatform

    /// A shop on a fresh database of the test engine: SQLite in memory, or in the file at `path` (WAL, several
    /// connections), or a new PostgreSQL schema.
    static func start(path: String? = nil) async throws -> Shop {
        let app = try await CommerceApp.start(AppConfiguration(database: .provided(try await TestDatabase.open(path: path))))
        return Shop(app: app, recorder: try #require(app.dataPlatformRecorder))
    }

    func product(_ name: String = "Keyboard", price: Int64 = 50_000, stock: Int64 = 10) async throws -> Product {
        try await app.products.add(name: name, price: Money(won: price), stock: stock)
    }

    func charge(_ user: Int64, _ amount: Int64) async throws {
        _ = try await app.points.charge(UserID(rawValue: user), amount: Money(won: amount))
    }

    func coupon(
        _ rule: DiscountRule = .fixed(Money(won: 5_000)), validity: CouponValidity = .lasting(.seconds(7 * 86_400)),
        minOrder: Int64 = 0, for user: Int64 = 1
    ) async throws -> IssuedCoupon {
        let policy = try await app.coupons.create(name: "WELCOME", rule: rule, validity: validity, minOrder: Money(won: minOrder))
        return try await app.coupons.issue(policy.id, to: UserID(rawValue: user))
    }

    func order(_ user: Int64, _ product: Product, quantity: Int64 = 1, coupon: CouponID? = nil) async throws -> Order {
        try await app.placeOrder(
            user: UserID(rawValue: user), items: [OrderItem(productId: product.id, quantity: quantity)], coupon: coupon)
    }

    @discardableResult
    func pay(_ order: Order, key: String? = nil) async throws -> PaymentReceipt {
        try await app.pay(order: order.id, user: order.userId, idempotencyKey: key)
    }

    func advance(_ text: String) async throws -> [JobRun] {
        try await app.scheduler.advance(by: TimeSpan(parsing: text))
    }

    func stock(_ product: Product) async throws -> Int64 { try await app.products.show(product.id).stock }
    func balance(_ user: Int64) async throws -> Int64 { try await app.points.balance(of: UserID(rawValue: user)).balance.won }
    func status(_ order: Order) async throws -> OrderStatus { try await app.orders.order(order.id).status }
    func couponStatus(_ coupon: IssuedCoupon) async throws -> CouponStatus { try await app.coupons.coupon(coupon.id).status }
    func outbox() async throws -> OutboxCounts { try await app.dataPlatform.counts() }

    /// The trace recorded since tracing was switched on, as mermaid lines.
    var trace: [String] { app.tracer.messages.map(\.message.description) }

    func traceFromHere() {
        app.tracer.clear()
        app.tracer.set(on: true)
    }
}
