import App
import Kernel
import Order

/// What applying a step changed that the scenario and the checks need to know.
struct Applied {
    /// Orders the expiry job moved to EXPIRED during the step.
    var expired: [String] = []
}

extension Runner {
    /// Updates the model with what the shop answered. After a lost answer the simulator recovers as a client
    /// would: it reopens the system when a crash takes it down, then asks again (a payment, with its key) or
    /// reads what it cannot ask again (an order, a balance).
    func apply(_ step: Step, call: Call, observation: Observation) async throws -> Applied {
        switch observation {
        case .refused, .unavailable: return Applied()
        case .crashed: if crashRestartsTheSystem { try await restart() }
        default: break
        }
        let crashed = if case .crashed = observation { true } else { false }
        switch step.action {
        case .addProduct(let label, let price, let stock):
            guard case .product(let id, _) = observation else { return Applied() }
            model.products[label] = Model.ProductState(id: id, price: price, stock: stock, received: stock)
            model.productLabels.append(label)
        case .charge(let user, let amount):
            model.users[user, default: Model.UserState()].charged += amount
            model.users[user, default: Model.UserState()].balance += amount
        case .restock(let product, let quantity):
            model.products[product]?.stock += quantity
            model.products[product]?.received += quantity
        case .createPolicy(let label, let rule, let quantity, let validSeconds, let minOrder):
            guard case .policy(let id, let validUntil) = observation else { return Applied() }
            let expected = validSeconds.map { Timestamp(rawValue: model.now.rawValue + $0) }
            guard validUntil == expected else {
                throw Violation(
                    step: step.number, invariant: .answerAsPredicted,
                    detail:
                        "policy \(label) is valid until \(validUntil.map(\.description) ?? "-"), not \(expected.map(\.description) ?? "-")")
            }
            model.policies[label] = Model.PolicyState(
                id: id, rule: rule, quantity: quantity, minOrder: minOrder, validUntil: validUntil)
            model.policyLabels.append(label)
        case .issue(let label, let policy, let user):
            guard case .coupon(let id) = observation, let policy else { return Applied() }
            model.coupons[label] = Model.CouponState(id: id, policy: policy, user: user)
            model.couponLabels.append(label)
            model.policies[policy]?.issued += 1
            model.policies[policy]?.holders.insert(user)
        case .place(let label, let user, let items, let coupon):
            try await placed(step, label: label, user: user, items: items, coupon: coupon, observation: observation)
        case .pay(let order, let user, let key):
            guard let order else { return Applied() }
            try await paid(step, order: order, user: user, key: key, observation: observation, crashed: crashed)
        case .advance(let seconds):
            model.now = Timestamp(rawValue: model.now.rawValue + seconds)
            let expired = model.expireDue()
            model.settleDeliveries()
            return Applied(expired: expired)
        case .platform(let up):
            if up, !model.platformUp { model.platformUpSince = model.now }
            model.platformUp = up
        case .sweep(let ahead):
            model.sweptUpTo = max(model.sweptUpTo, Timestamp(rawValue: model.now.rawValue + ahead))
            return Applied(expired: model.expireDue())
        }
        return Applied()
    }

    private func placed(
        _ step: Step, label: String, user: Int64, items: [Action.Item], coupon: Action.Reference?, observation: Observation
    ) async throws {
        let predicted = model.predictPlace(user: user, items: items, coupon: coupon)
        let order: Order
        if case .order(let answered) = observation {
            order = answered
        } else {
            // The answer was lost: the new order is the user's order the model does not know.
            let known = Set(model.orders.values.map(\.id))
            guard let found = try await app.orders.orders(user: UserID(rawValue: user)).first(where: { !known.contains($0.id.rawValue) })
            else {
                throw Violation(
                    step: step.number, invariant: .modelMatchesDatabase,
                    detail: "the order placed before the crash is not in the database")
            }
            order = found
        }
        let expiresAt = Timestamp(rawValue: model.now.rawValue + Model.orderTimeToLive)
        guard order.totalAmount.won == predicted.total, order.discountAmount.won == predicted.discount,
            order.payAmount.won == predicted.total - predicted.discount, order.status == .pending, order.expiresAt == expiresAt
        else {
            throw Violation(
                step: step.number, invariant: .answerAsPredicted,
                detail: "order \(label) is \(order.status.rawValue) total=\(order.totalAmount) discount=\(order.discountAmount) "
                    + "pay=\(order.payAmount) expiresAt=\(order.expiresAt); the rules predict PENDING total=\(predicted.total) "
                    + "discount=\(predicted.discount) pay=\(predicted.total - predicted.discount) expiresAt=\(expiresAt)")
        }
        var couponLabel: String?
        if case .label(let name) = coupon { couponLabel = name }
        model.orders[label] = Model.OrderState(
            id: order.id.rawValue, user: user, lines: predicted.lines, coupon: couponLabel, total: predicted.total,
            discount: predicted.discount, pay: predicted.total - predicted.discount, createdAt: model.now, expiresAt: expiresAt)
        model.orderLabels.append(label)
    }

    private func paid(
        _ step: Step, order label: String, user: Int64, key: String?, observation: Observation, crashed: Bool
    ) async throws {
        guard let order = model.orders[label] else { return }
        if crashed {
            // The client asks again with the same key; the first payment must come back, and nothing move.
            guard let key else {
                throw Violation(step: step.number, invariant: .serverFault, detail: "a crash was injected into a payment without a key")
            }
            let retry = await Call.pay(order: order.id, user: user, key: key).execute(on: app, platform: platform)
            guard case .payment(let receipt) = retry, receipt.isReplay else {
                throw Violation(
                    step: step.number, invariant: .idempotentReplay,
                    detail: "after a lost answer, pay order=\(label) key=\(key) answered \(Self.describe(retry)), not the first payment")
            }
            // A replay that lost its answer moved nothing; a first payment that lost it is now paid.
            if order.status != .paid {
                model.paid(label, paymentId: receipt.payment.id.rawValue, key: key, at: receipt.payment.createdAt, delivered: false)
            }
            return
        }
        guard case .payment(let receipt) = observation, !receipt.isReplay else { return }
        let deliverable = model.platformUp && step.fault?.failsTheDelivery != true
        guard receipt.payment.amount.won == order.pay, receipt.payment.createdAt == model.now else {
            throw Violation(
                step: step.number, invariant: .answerAsPredicted,
                detail: "the payment of \(label) is \(receipt.payment.amount) won at \(receipt.payment.createdAt); "
                    + "the order's pay amount is \(order.pay) at \(model.now)")
        }
        // The model takes the payment as the rules have it, so that the scenario's expectations are the rules'.
        model.paid(
            label, paymentId: receipt.payment.id.rawValue, key: key, at: model.now,
            delivered: exact ? deliverable : receipt.deliveredToDataPlatform)
        guard receipt.deliveredToDataPlatform == deliverable || !exact else {
            throw Violation(
                step: step.number, invariant: .outboxComplete,
                detail: "the payment of \(label) was \(receipt.deliveredToDataPlatform ? "" : "not ")delivered right after its commit, "
                    + "with the platform \(deliverable ? "up" : "unreachable")")
        }
    }
}
