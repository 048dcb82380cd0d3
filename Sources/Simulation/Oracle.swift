import App
import Coupon
import DataPlatform
import Foundation
import Kernel
import Order
import Payment

/// The simulator's checks, against the database: after every step, what the step touched agrees with the
/// model; at every audit, the shop's invariants hold over everything the database holds, computed from the
/// database's own rows (the model only says what was charged and restocked, which no row records whole).
struct Oracle {
    let runner: Runner

    private var app: CommerceApp { runner.app }
    private var model: Model { runner.model }

    /// Checks what `step` touched: balances, stock, the order, the coupon, the outbox's count.
    func checkTouched(_ step: Step, expired: [String]) async -> Violation? {
        await verdict(step: step.number, reading: "check") { try await touched(step, expired: expired) }
    }

    /// Checks every invariant over the whole database.
    func audit(step: Int) async -> Violation? {
        await verdict(step: step, reading: "audit") { try await auditAll(step: step) }
    }

    /// The violation `checks` throws, nil when it returns; a failure to read the database is the server's fault.
    private func verdict(step: Int, reading purpose: String, _ checks: () async throws -> Void) async -> Violation? {
        do {
            try await checks()
            return nil
        } catch let violation as Violation {
            return violation
        } catch {
            return Violation(step: step, invariant: .serverFault, detail: "reading the database to \(purpose): \(error)")
        }
    }

    // MARK: After each step

    private func touched(_ step: Step, expired: [String]) async throws {
        let number = step.number
        runner.checks += 1
        switch step.action {
        case .charge(let user, _):
            try await checkBalance(user, step: number)
        case .addProduct(let label, _, _), .restock(let label, _):
            try await checkStock(label, step: number)
        case .issue(let label, let policy, _):
            guard let issued = model.coupons[label], let policy, let state = model.policies[policy] else { return }
            let coupon = try await app.coupons.coupon(CouponID(rawValue: issued.id))
            try same("coupon \(label)'s owner", coupon.userId.rawValue, issued.user, step: number)
            let stored = try await app.coupons.policy(CouponPolicyID(rawValue: state.id))
            try same("policy \(policy)'s issued count", stored.issued, state.issued, step: number, invariant: .couponRules)
        case .place(let label, let user, _, _):
            if model.orders[label] != nil { try await checkOrder(label, step: number) }
            try await checkBalance(user, step: number)
        case .pay(let label, let user, _):
            try await checkBalance(user, step: number)
            guard let label, let order = model.orders[label] else { return }
            try await checkOrder(label, step: number)
            for line in order.lines { try await checkStock(line.product, step: number) }
            if let coupon = order.coupon { try await checkCoupon(coupon, step: number) }
            try await checkOutbox(step: number)
        case .advance, .platform, .sweep:
            for label in expired { try await checkOrder(label, step: number) }
            try await checkOutbox(step: number)
        case .createPolicy(let label, _, _, _, _):
            guard let policy = model.policies[label] else { return }
            let stored = try await app.coupons.policy(CouponPolicyID(rawValue: policy.id))
            try same("policy \(label)'s end", stored.validUntil, policy.validUntil, step: number, invariant: .couponRules)
        }
    }

    private func checkBalance(_ user: Int64, step: Int) async throws {
        let balance = try await app.points.balance(of: UserID(rawValue: user)).balance.won
        try same("user \(user)'s balance", balance, model.users[user]?.balance ?? 0, step: step, invariant: .moneyConserved)
    }

    private func checkStock(_ label: String, step: Int) async throws {
        guard let product = model.products[label] else { return }
        let stock = try await app.products.show(ProductID(rawValue: product.id)).stock
        try same("product \(label)'s stock", stock, product.stock, step: step, invariant: .stockConserved)
    }

    private func checkOrder(_ label: String, step: Int) async throws {
        guard let expected = model.orders[label] else { return }
        let order = try await app.orders.order(OrderID(rawValue: expected.id))
        try same("order \(label)'s status", order.status.rawValue, expected.status.rawValue, step: step, invariant: .orderLifecycle)
        try same("order \(label)'s pay amount", order.payAmount.won, expected.pay, step: step)
        try same("order \(label)'s paidAt", order.paidAt, expected.paidAt, step: step, invariant: .orderLifecycle)
    }

    private func checkCoupon(_ label: String, step: Int) async throws {
        guard let expected = model.coupons[label] else { return }
        let coupon = try await app.coupons.coupon(CouponID(rawValue: expected.id))
        let usedBy = expected.usedBy.flatMap { model.orders[$0]?.id }
        try same("coupon \(label)'s order", coupon.orderId?.rawValue, usedBy, step: step, invariant: .couponRules)
    }

    /// One event per paid order, all delivered once the platform has been up long enough.
    private func checkOutbox(step: Int) async throws {
        let counts = try await app.dataPlatform.counts()
        try same(
            "outbox events (one per paid order)", counts.pending + counts.delivered + counts.deadLettered, model.paidCount,
            step: step, invariant: .outboxComplete)
        guard model.everyEventDelivered else { return }
        try same(
            "delivered events (the platform has been up \(Model.deliveryWindow) s)", counts.delivered, model.paidCount, step: step,
            invariant: .outboxComplete)
    }

    // MARK: Audits

    private func auditAll(step: Int) async throws {
        runner.checks += 1
        let orders = try await app.orders.orders()
        let ordersById = Dictionary(uniqueKeysWithValues: orders.map { ($0.id, $0) })
        let payments = try await app.payments.payments()
        try auditOrders(orders, byId: ordersById, payments: payments, step: step)
        try await auditStock(orders, step: step)
        try await auditMoney(orders, step: step)
        try await auditCoupons(orders, byId: ordersById, step: step)
        try await auditOutbox(orders, step: step)
    }

    private func auditOrders(_ orders: [Order], byId ordersById: [OrderID: Order], payments: [Payment], step: Int) throws {
        try same("orders in the database", orders.count, model.orderLabels.count, step: step, invariant: .modelMatchesDatabase)
        let paymentsByOrder = Dictionary(grouping: payments, by: \.orderId)
        let lastSweep = model.lastSweep(atOrBefore: model.now)
        let expiredBy = max(model.now, model.sweptUpTo)
        let statusById = Dictionary(uniqueKeysWithValues: model.orders.values.map { ($0.id, $0.status) })
        for order in orders {
            let paid = paymentsByOrder[order.id] ?? []
            let name = "order \(order.id)"
            try same(
                "\(name)'s status", order.status.rawValue, statusById[order.id.rawValue]?.rawValue, step: step, invariant: .orderLifecycle)
            switch order.status {
            case .paid:
                try check(paid.count == 1, "\(name) is PAID with \(paid.count) payments", step: step, invariant: .orderLifecycle)
                guard let payment = paid.first, let paidAt = order.paidAt else {
                    throw Violation(step: step, invariant: .orderLifecycle, detail: "\(name) is PAID without a payment time")
                }
                try check(
                    payment.amount == order.payAmount && payment.userId == order.userId && payment.createdAt == paidAt,
                    "\(name)'s payment \(payment.id) is \(payment.amount) won by user \(payment.userId) at \(payment.createdAt); "
                        + "the order says \(order.payAmount) won by user \(order.userId) at \(paidAt)", step: step,
                    invariant: .orderLifecycle)
                try check(
                    paidAt < order.expiresAt, "\(name) was paid at \(paidAt), at or after its deadline \(order.expiresAt)", step: step,
                    invariant: .orderLifecycle)
            case .pending:
                try check(paid.isEmpty, "\(name) is PENDING with \(paid.count) payments", step: step, invariant: .orderLifecycle)
                try check(
                    order.expiresAt > lastSweep,
                    "\(name) is PENDING at \(model.now) although it expired at \(order.expiresAt) and the job ran at \(lastSweep)",
                    step: step, invariant: .orderLifecycle)
            case .expired:
                try check(
                    paid.isEmpty && order.paidAt == nil, "\(name) is EXPIRED with \(paid.count) payments", step: step,
                    invariant: .orderLifecycle)
                try check(
                    order.expiresAt <= expiredBy, "\(name) is EXPIRED before its deadline \(order.expiresAt)", step: step,
                    invariant: .orderLifecycle)
            }
        }
        try check(
            payments.allSatisfy { ordersById[$0.orderId]?.status == .paid },
            "a payment exists for an order that is not PAID", step: step, invariant: .orderLifecycle)
    }

    private func auditStock(_ orders: [Order], step: Int) async throws {
        var paidUnits: [ProductID: Int64] = [:]
        for order in orders where order.status == .paid {
            for line in order.lines { paidUnits[line.productId, default: 0] += line.quantity }
        }
        let byId = Dictionary(uniqueKeysWithValues: model.products.map { ($0.value.id, ($0.key, $0.value)) })
        for product in try await app.products.list() {
            guard let (label, state) = byId[product.id.rawValue] else {
                throw Violation(step: step, invariant: .modelMatchesDatabase, detail: "product \(product.id) was never added")
            }
            try check(product.stock >= 0, "product \(label)'s stock is \(product.stock)", step: step, invariant: .stockConserved)
            let units = paidUnits[product.id] ?? 0
            try check(
                state.received - product.stock == units,
                "product \(label): initial and restocks \(state.received) − stock \(product.stock) = \(state.received - product.stock) "
                    + "units, but paid orders hold \(units)", step: step, invariant: .stockConserved)
        }
    }

    private func auditMoney(_ orders: [Order], step: Int) async throws {
        var paidAmounts: [UserID: Int64] = [:]
        for order in orders where order.status == .paid { paidAmounts[order.userId, default: 0] += order.payAmount.won }
        for (user, state) in model.users.sorted(by: { $0.key < $1.key }) {
            let balance = try await app.points.balance(of: UserID(rawValue: user)).balance.won
            try check(
                (0...Model.maxBalance).contains(balance), "user \(user)'s balance is \(balance)", step: step,
                invariant: .moneyConserved)
            let paid = paidAmounts[UserID(rawValue: user)] ?? 0
            try check(
                state.charged - balance == paid,
                "user \(user): charged \(state.charged) − balance \(balance) = \(state.charged - balance) won, "
                    + "but paid orders cost \(paid)", step: step, invariant: .moneyConserved)
        }
    }

    private func auditCoupons(_ orders: [Order], byId ordersById: [OrderID: Order], step: Int) async throws {
        var paidWithCoupon: [CouponID: [Order]] = [:]
        for order in orders where order.status == .paid {
            if let coupon = order.couponId { paidWithCoupon[coupon, default: []].append(order) }
        }
        var issuedByPolicy: [CouponPolicyID: Int64] = [:]
        for user in model.users.keys.sorted() {
            let coupons = try await app.coupons.coupons(of: UserID(rawValue: user))
            let policies = coupons.map(\.policyId)
            try check(
                Set(policies).count == policies.count, "user \(user) holds two coupons of one policy", step: step, invariant: .couponRules)
            for coupon in coupons {
                issuedByPolicy[coupon.policyId, default: 0] += 1
                let users = paidWithCoupon[coupon.id] ?? []
                try check(
                    users.count <= 1, "coupon \(coupon.id) is used by \(users.count) paid orders", step: step, invariant: .couponRules)
                if let orderId = coupon.orderId {
                    let order = ordersById[orderId]
                    try check(
                        order?.status == .paid && order?.userId == coupon.userId && order?.couponId == coupon.id,
                        "coupon \(coupon.id) is used by order \(orderId), which is not a paid order of its owner with it", step: step,
                        invariant: .couponRules)
                } else {
                    try check(
                        users.isEmpty, "coupon \(coupon.id) is unused, but order \(users[0].id) was paid with it", step: step,
                        invariant: .couponRules)
                }
            }
        }
        for policy in try await app.coupons.policies() {
            try check(
                policy.quantity.map { policy.issued <= $0 } ?? true,
                "policy \(policy.id) issued \(policy.issued) of \(policy.quantity ?? 0)", step: step, invariant: .couponRules)
            try same(
                "policy \(policy.id)'s issued count", policy.issued, issuedByPolicy[policy.id] ?? 0, step: step, invariant: .couponRules)
        }
    }

    private func auditOutbox(_ orders: [Order], step: Int) async throws {
        let events = try await app.dataPlatform.events()
        var eventsByOrder: [Int64: Int] = [:]
        let decoder = JSONDecoder()
        for event in events {
            guard let orderId = try? decoder.decode(EventOrder.self, from: Data(event.event.payload.utf8)).orderId else {
                throw Violation(step: step, invariant: .outboxComplete, detail: "event \(event.event.eventId) names no order")
            }
            eventsByOrder[orderId, default: 0] += 1
        }
        for order in orders {
            let count = eventsByOrder[order.id.rawValue] ?? 0
            try check(
                count == (order.status == .paid ? 1 : 0), "order \(order.id) is \(order.status.rawValue) with \(count) outbox events",
                step: step, invariant: .outboxComplete)
        }
        let received = Set(runner.platform.received.map(\.eventId))
        for event in events where event.isDelivered {
            try check(
                received.contains(event.event.eventId), "event \(event.event.eventId) is marked delivered but never arrived", step: step,
                invariant: .outboxComplete)
        }
        if model.everyEventDelivered {
            try check(
                events.allSatisfy(\.isDelivered),
                "\(events.filter { !$0.isDelivered }.count) events are undelivered although the platform has been up "
                    + "\(Model.deliveryWindow) s", step: step, invariant: .outboxComplete)
        }
    }

    private struct EventOrder: Decodable { let orderId: Int64 }

    // MARK: Helpers

    private func same<T: Equatable>(
        _ what: String, _ actual: T, _ expected: T, step: Int, invariant: Invariant = .modelMatchesDatabase
    ) throws {
        guard actual != expected else { return }
        throw Violation(
            step: step, invariant: invariant,
            detail: "\(what) is \(Self.show(actual)) in the database; the model says \(Self.show(expected))")
    }

    private func check(_ condition: Bool, _ detail: @autoclosure () -> String, step: Int, invariant: Invariant) throws {
        guard !condition else { return }
        throw Violation(step: step, invariant: invariant, detail: detail())
    }

    private static func show<T>(_ value: T) -> String {
        if let optional = value as? (any OptionalDescribing) { return optional.describedOrDash }
        return "\(value)"
    }
}

/// Optionals printed as the console prints an empty field.
private protocol OptionalDescribing { var describedOrDash: String { get } }

extension Optional: OptionalDescribing {
    fileprivate var describedOrDash: String {
        switch self {
        case .some(let value): "\(value)"
        case .none: "-"
        }
    }
}
