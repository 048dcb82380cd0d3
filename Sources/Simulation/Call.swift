import App
import Coupon
import DataPlatform
import Kernel
import Order
import Payment

/// An action with its labels resolved to ids: what one simulated user sends the shop.
enum Call: Sendable {
    case addProduct(name: String, price: Int64, stock: Int64)
    case charge(user: Int64, amount: Int64)
    case restock(product: Int64, quantity: Int64)
    case createPolicy(name: String, rule: Action.PolicyRule, quantity: Int64?, validSeconds: Int64?, minOrder: Int64)
    case issue(policy: Int64, user: Int64)
    case place(user: Int64, items: [(product: Int64, quantity: Int64)], coupon: Int64?)
    case pay(order: Int64, user: Int64, key: String?)
    case advance(seconds: Int64)
    case platform(up: Bool)
    case sweep(at: Timestamp)
}

/// What the shop answered.
enum Observation: Sendable {
    case product(id: Int64, stock: Int64)
    case balance(Int64)
    case policy(id: Int64, validUntil: Timestamp?)
    case coupon(id: Int64)
    case order(Order)
    case payment(PaymentReceipt)
    case advanced
    case swept([OrderID])
    case done
    /// A rule refused the request.
    case refused(ErrorCode)
    /// The database was unavailable, or a conflict outlasted its retries (the HTTP edge's `503`).
    case unavailable(String)
    /// The answer was lost after the commit (``InjectedCrash``).
    case crashed
    /// Anything else, a constraint or an undecodable row included: a fault of the server's own.
    case broken(String)

    /// The error code, for a refusal.
    var code: ErrorCode? {
        if case .refused(let code) = self { return code }
        return nil
    }
}

extension Call {
    /// Sends the call to `app` through its public doors, as the console and the HTTP edge do.
    func execute(on app: CommerceApp, platform: InMemoryDataPlatform) async -> Observation {
        do {
            return try await send(to: app, platform: platform)
        } catch let error as DomainError {
            return .refused(error.code)
        } catch let error as DatabaseError where error.isTransient {
            return .unavailable(error.description)
        } catch is InjectedCrash {
            return .crashed
        } catch {
            return .broken(String(describing: error))
        }
    }

    private func send(to app: CommerceApp, platform: InMemoryDataPlatform) async throws -> Observation {
        switch self {
        case .addProduct(let name, let price, let stock):
            let product = try await app.products.add(name: name, price: Money(won: price), stock: stock)
            return .product(id: product.id.rawValue, stock: product.stock)
        case .charge(let user, let amount):
            return .balance(try await app.points.charge(UserID(rawValue: user), amount: Money(won: amount)).balance.won)
        case .restock(let product, let quantity):
            let restocked = try await app.products.restock(ProductID(rawValue: product), quantity: quantity)
            return .product(id: restocked.id.rawValue, stock: restocked.stock)
        case .createPolicy(let name, let rule, let quantity, let validSeconds, let minOrder):
            let discount: DiscountRule =
                switch rule {
                case .fixed(let amount): .fixed(Money(won: amount))
                case .percent(let percent, let max): .percent(percent, max: max.map(Money.init(won:)))
                }
            let policy = try await app.coupons.create(
                name: name, rule: discount, quantity: quantity, validity: validSeconds.map { .lasting(.seconds($0)) } ?? .unlimited,
                minOrder: Money(won: minOrder))
            return .policy(id: policy.id.rawValue, validUntil: policy.validUntil)
        case .issue(let policy, let user):
            return .coupon(id: try await app.coupons.issue(CouponPolicyID(rawValue: policy), to: UserID(rawValue: user)).id.rawValue)
        case .place(let user, let items, let coupon):
            return .order(
                try await app.placeOrder(
                    user: UserID(rawValue: user),
                    items: items.map { OrderItem(productId: ProductID(rawValue: $0.product), quantity: $0.quantity) },
                    coupon: coupon.map(CouponID.init(rawValue:))))
        case .pay(let order, let user, let key):
            return .payment(try await app.pay(order: OrderID(rawValue: order), user: UserID(rawValue: user), idempotencyKey: key))
        case .advance(let seconds):
            _ = try await app.scheduler.advance(by: .seconds(seconds))
            return .advanced
        case .platform(let up):
            platform.set(up: up)
            return .done
        case .sweep(let instant):
            return .swept(try await app.orders.expireDue(at: instant))
        }
    }
}
