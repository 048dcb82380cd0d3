import App
import Coupon
import Foundation
import Kernel
import Order

/// The generated `APIProtocol`, served by the App's use cases: JSON in, the same calls the console makes, JSON
/// out. Errors are thrown as they are and turned into bodies by ``ErrorBodyMiddleware``.
struct CommerceAPI: APIProtocol {
    let app: CommerceApp

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        do {
            try await app.database.read { tx in try await tx.execute("SELECT 1") }
            return .ok(.init(body: .json(.init(status: .ok))))
        } catch {
            return .serviceUnavailable(.init(body: .json(.init(code: "UNAVAILABLE", message: "the database does not answer"))))
        }
    }

    func listProducts(_ input: Operations.ListProducts.Input) async throws -> Operations.ListProducts.Output {
        .ok(.init(body: .json(try await app.products.list().map(Components.Schemas.Product.init))))
    }

    func addProduct(_ input: Operations.AddProduct.Input) async throws -> Operations.AddProduct.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let product = try await app.products.add(name: body.name, price: Money(won: body.price), stock: body.stock)
        return .created(.init(body: .json(.init(product))))
    }

    func getProduct(_ input: Operations.GetProduct.Input) async throws -> Operations.GetProduct.Output {
        .ok(.init(body: .json(.init(try await app.products.show(try ProductID(validating: input.path.id))))))
    }

    func chargePoints(_ input: Operations.ChargePoints.Input) async throws -> Operations.ChargePoints.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let balance = try await app.points.charge(try UserID(validating: input.path.userId), amount: Money(won: body.amount))
        return .ok(.init(body: .json(.init(balance))))
    }

    func getBalance(_ input: Operations.GetBalance.Input) async throws -> Operations.GetBalance.Output {
        .ok(.init(body: .json(.init(try await app.points.balance(of: try UserID(validating: input.path.userId))))))
    }

    func createCoupon(_ input: Operations.CreateCoupon.Input) async throws -> Operations.CreateCoupon.Output {
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
        let coupon = try await app.coupons.issue(
            try CouponPolicyID(validating: input.path.couponId), to: try UserID(validating: body.userId))
        return .created(.init(body: .json(.init(coupon))))
    }

    func listUserCoupons(_ input: Operations.ListUserCoupons.Input) async throws -> Operations.ListUserCoupons.Output {
        let coupons = try await app.coupons.coupons(of: try UserID(validating: input.path.userId))
        return .ok(.init(body: .json(coupons.map(Components.Schemas.IssuedCoupon.init))))
    }

    func placeOrder(_ input: Operations.PlaceOrder.Input) async throws -> Operations.PlaceOrder.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let items = try body.items.map { item throws(DomainError) in
            OrderItem(productId: try ProductID(validating: item.productId), quantity: item.quantity)
        }
        let order = try await app.placeOrder(
            user: try UserID(validating: body.userId), items: items,
            coupon: try body.couponId.map { id throws(DomainError) in try CouponID(validating: id) })
        return .created(.init(body: .json(.init(order))))
    }

    func getOrder(_ input: Operations.GetOrder.Input) async throws -> Operations.GetOrder.Output {
        let order = try await app.orders.order(try OrderID(validating: input.path.id), for: try UserID(validating: input.query.userId))
        return .ok(.init(body: .json(.init(order))))
    }

    func pay(_ input: Operations.Pay.Input) async throws -> Operations.Pay.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid("expected a JSON body") }
        let receipt = try await app.pay(
            order: try OrderID(validating: body.orderId), user: try UserID(validating: body.userId),
            idempotencyKey: input.headers.idempotencyKey)
        let payment = Components.Schemas.Payment(receipt.payment)
        return receipt.isReplay ? .ok(.init(body: .json(payment))) : .created(.init(body: .json(payment)))
    }
}
