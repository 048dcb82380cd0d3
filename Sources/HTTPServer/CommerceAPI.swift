import App
import Coupon
import Foundation
import Kernel
import OpenAPIRuntime
import Order
import Payment
import Point
import Product

/// The generated `APIProtocol`, served by the App's use cases: JSON in, the same calls the console makes, JSON
/// out. Errors are thrown as they are and turned into bodies by ``ErrorBodyMiddleware``.
struct CommerceAPI: APIProtocol {
    let app: CommerceApp
    let metrics: HTTPMetrics?

    /// The authenticated caller (``AuthenticationMiddleware`` lets no request without one reach these routes).
    private var caller: Caller {
        get throws {
            guard let caller = Caller.current else { throw EdgeError.unauthenticated("an Authorization: Bearer token is required") }
            return caller
        }
    }

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func ready(_ input: Operations.Ready.Input) async throws -> Operations.Ready.Output {
        do {
            guard try await Migrator(database: app.database).isUpToDate(app.modules.flatMap(\.migrations)) else {
                throw DatabaseError.unavailable("migrations are not applied yet")
            }
            return .ok(.init(body: .json(.init(status: .ok))))
        } catch let error as DatabaseError {
            throw DatabaseError.unavailable("not ready: \(error)")
        }
    }

    func metrics(_ input: Operations.Metrics.Input) async throws -> Operations.Metrics.Output {
        guard let metrics else { return .ok(.init(body: .plainText(HTTPBody("")))) }
        if let counts = try? await app.dataPlatform.counts() {
            app.metrics?.outbox(
                pending: counts.pending, delivered: counts.delivered, failing: counts.failing, deadLettered: counts.deadLettered)
        }
        return .ok(.init(body: .plainText(HTTPBody(metrics.exposition()))))
    }

    // MARK: The catalogue: anyone may read it; only an admin may change it.

    func listProducts(_ input: Operations.ListProducts.Input) async throws -> Operations.ListProducts.Output {
        _ = try caller
        let page = try await app.products.list(page: try PageCursor.decode(input.query.cursor, limit: input.query.limit))
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.Product.init), nextCursor: PageCursor.encode(page.nextAfter))))
        )
    }

    func addProduct(_ input: Operations.AddProduct.Input) async throws -> Operations.AddProduct.Output {
        try caller.requireAdmin("adding a product")
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let product = try await app.products.add(name: body.name, price: Money(won: body.price), stock: body.stock)
        return .created(.init(body: .json(.init(product))))
    }

    func getProduct(_ input: Operations.GetProduct.Input) async throws -> Operations.GetProduct.Output {
        _ = try caller
        return .ok(.init(body: .json(.init(try await app.products.show(try ProductID(validating: input.path.id))))))
    }

    // MARK: Points: a customer's own; an admin's for anyone.

    func chargePoints(_ input: Operations.ChargePoints.Input) async throws -> Operations.ChargePoints.Output {
        let user = try caller.acting(for: input.path.userId)
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        return .ok(.init(body: .json(.init(try await app.points.charge(user, amount: Money(won: body.amount))))))
    }

    func getBalance(_ input: Operations.GetBalance.Input) async throws -> Operations.GetBalance.Output {
        .ok(.init(body: .json(.init(try await app.points.balance(of: try caller.acting(for: input.path.userId))))))
    }

    func pointHistory(_ input: Operations.PointHistory.Input) async throws -> Operations.PointHistory.Output {
        let user = try caller.acting(for: input.path.userId)
        let page = try await app.points.history(of: user, page: try PageCursor.decode(input.query.cursor, limit: input.query.limit))
        return .ok(
            .init(
                body: .json(.init(items: page.items.map(Components.Schemas.PointEntry.init), nextCursor: PageCursor.encode(page.nextAfter)))
            ))
    }

    // MARK: Coupons: policies are an admin's; a customer takes its own coupon.

    func createCoupon(_ input: Operations.CreateCoupon.Input) async throws -> Operations.CreateCoupon.Output {
        try caller.requireAdmin("creating a coupon policy")
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let rule: DiscountRule
        switch body.discount._type {
        case .fixed:
            guard let amount = body.discount.amount, body.discount.percent == nil, body.discount.max == nil else {
                throw DomainError.invalid("a FIXED discount takes amount only")
            }
            rule = .fixed(Money(won: amount))
        case .percent:
            guard let percent = body.discount.percent, body.discount.amount == nil else {
                throw DomainError.invalid("a PERCENT discount takes percent and an optional max")
            }
            rule = .percent(percent, max: body.discount.max.map(Money.init(won:)))
        }
        let validity: CouponValidity
        switch (body.validFor, body.validUntil) {
        case (nil, nil): validity = .unlimited
        case (let span?, nil): validity = .lasting(try TimeSpan(iso8601Duration: span))
        case (nil, let end?): validity = .until(try Timestamp(requestDate: end))
        default: throw DomainError.invalid("give validFor or validUntil, not both")
        }
        let policy = try await app.coupons.create(
            name: body.name, rule: rule, quantity: body.quantity, validity: validity, minOrder: Money(won: body.minOrder ?? 0))
        return .created(.init(body: .json(.init(policy))))
    }

    func issueCoupon(_ input: Operations.IssueCoupon.Input) async throws -> Operations.IssueCoupon.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let user = try caller.acting(for: body.userId)
        let coupon = try await app.coupons.issue(try CouponPolicyID(validating: input.path.couponId), to: user)
        return .created(.init(body: .json(.init(coupon))))
    }

    func listUserCoupons(_ input: Operations.ListUserCoupons.Input) async throws -> Operations.ListUserCoupons.Output {
        let user = try caller.acting(for: input.path.userId)
        let page = try await app.coupons.coupons(of: user, page: try PageCursor.decode(input.query.cursor, limit: input.query.limit))
        return .ok(
            .init(
                body: .json(
                    .init(items: page.items.map(Components.Schemas.IssuedCoupon.init), nextCursor: PageCursor.encode(page.nextAfter)))))
    }

    // MARK: Orders and payments: a customer's own; another user's order is not found.

    func placeOrder(_ input: Operations.PlaceOrder.Input) async throws -> Operations.PlaceOrder.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let user = try caller.acting(for: body.userId)
        let items = try body.items.map { item throws(DomainError) in
            OrderItem(productId: try ProductID(validating: item.productId), quantity: item.quantity)
        }
        let order = try await app.placeOrder(
            user: user, items: items, coupon: try body.couponId.map { id throws(DomainError) in try CouponID(validating: id) })
        return .created(.init(body: .json(.init(order))))
    }

    func listOrders(_ input: Operations.ListOrders.Input) async throws -> Operations.ListOrders.Output {
        let user = try caller.acting(for: input.query.userId)
        let status = input.query.status.flatMap { OrderStatus(rawValue: $0.rawValue) }
        let page = try await app.orders.orders(
            user: user, status: status, page: try PageCursor.decode(input.query.cursor, limit: input.query.limit))
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.Order.init), nextCursor: PageCursor.encode(page.nextAfter)))))
    }

    func getOrder(_ input: Operations.GetOrder.Input) async throws -> Operations.GetOrder.Output {
        let caller = try caller
        let id = try OrderID(validating: input.path.id)
        // An admin sees any order unless it names an owner; a customer sees its own, and another's is not found.
        let owner: UserID? = caller.isAdmin && input.query.userId == nil ? nil : try caller.acting(for: input.query.userId)
        return .ok(.init(body: .json(.init(try await app.orders.order(id, for: owner)))))
    }

    func pay(_ input: Operations.Pay.Input) async throws -> Operations.Pay.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let receipt = try await app.pay(
            order: try OrderID(validating: body.orderId), user: try caller.acting(for: body.userId),
            idempotencyKey: input.headers.idempotencyKey)
        let payment = Components.Schemas.Payment(receipt.payment)
        return receipt.isReplay ? .ok(.init(body: .json(payment))) : .created(.init(body: .json(payment)))
    }

    func getPayment(_ input: Operations.GetPayment.Input) async throws -> Operations.GetPayment.Output {
        let caller = try caller
        let payment = try await app.payments.payment(try PaymentID(validating: input.path.id))
        // Another user's payment is not found, as its order is not.
        guard caller.isAdmin || payment.userId == caller.userId else {
            throw DomainError(.paymentNotFound, "payment \(input.path.id) does not exist")
        }
        return .ok(.init(body: .json(.init(payment))))
    }
}
