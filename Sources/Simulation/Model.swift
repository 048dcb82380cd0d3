import Kernel

/// What the simulator believes the shop holds, built only from the answers it got, and what it predicts each
/// action will answer (the shop's rules, written a second time and independently: docs/console.md's
/// *Business rules* and *Fine points*).
struct Model: Sendable {
    struct ProductState: Sendable {
        var id: Int64
        var price: Int64
        var stock: Int64
        /// The stock it was added with, and every restock since: `received − stock` must be the paid units.
        var received: Int64
    }

    struct UserState: Sendable {
        var charged: Int64 = 0
        var balance: Int64 = 0
    }

    struct PolicyState: Sendable {
        var id: Int64
        var rule: Action.PolicyRule
        var quantity: Int64?
        var issued: Int64 = 0
        var minOrder: Int64
        var validUntil: Timestamp?
        var holders: Set<Int64> = []
    }

    struct CouponState: Sendable {
        var id: Int64
        var policy: String
        var user: Int64
        var usedBy: String?
    }

    struct OrderState: Sendable {
        var id: Int64
        var user: Int64
        /// Merged lines: product label and quantity, by product id.
        var lines: [(product: String, quantity: Int64)]
        var coupon: String?
        var total: Int64
        var discount: Int64
        var pay: Int64
        var createdAt: Timestamp
        var expiresAt: Timestamp
        var status: Status = .pending
        var paymentId: Int64?
        var paidAt: Timestamp?
    }

    enum Status: String, Sendable { case pending = "PENDING", paid = "PAID", expired = "EXPIRED" }

    /// What an action will answer, by the rules.
    enum Prediction: Sendable, Equatable {
        case succeeds
        /// An idempotent replay of this payment.
        case replays(paymentId: Int64)
        case fails(ErrorCode)
        /// The action names an entity that a shortened replay did not create: it is skipped.
        case notApplicable
    }

    static let orderTimeToLive: Int64 = 15 * 60
    static let expiryInterval: Int64 = 60
    static let maxCharge: Int64 = 1_000_000
    static let maxBalance: Int64 = 10_000_000
    /// How long the platform must have been up for every event to have been delivered: the longest backoff
    /// (60 s), a relay period (10 s), and room to spare.
    static let deliveryWindow: Int64 = 130

    let origin: Timestamp
    var now: Timestamp
    var products: [String: ProductState] = [:]
    var productLabels: [String] = []
    var users: [Int64: UserState]
    var policies: [String: PolicyState] = [:]
    var policyLabels: [String] = []
    var coupons: [String: CouponState] = [:]
    var couponLabels: [String] = []
    var orders: [String: OrderState] = [:]
    var orderLabels: [String] = []
    /// Idempotency keys: `user/key` to the order label and payment id.
    var keys: [String: (order: String, paymentId: Int64)] = [:]
    var platformUp = true
    var platformUpSince: Timestamp
    /// Paid orders whose event is not known to be delivered, with when its delivery last failed.
    var undelivered: [String: Timestamp] = [:]
    /// The latest instant a sweep ran as of (`--concurrent`'s sweeps run a second ahead of the clock).
    var sweptUpTo: Timestamp
    var paidCount = 0

    init(users: Int, origin: Timestamp) {
        self.origin = origin
        now = origin
        platformUpSince = origin
        sweptUpTo = origin
        self.users = Dictionary(uniqueKeysWithValues: (1...Int64(max(1, users))).map { ($0, UserState()) })
    }

    /// The last instant at or before `instant` at which the expiry job ran (its grid: every minute from the origin).
    func lastSweep(atOrBefore instant: Timestamp) -> Timestamp {
        let elapsed = instant.seconds(since: origin)
        return Timestamp(rawValue: origin.rawValue + max(0, elapsed / Self.expiryInterval) * Self.expiryInterval)
    }

    /// Whether every paid order's event is known to have reached the platform.
    var everyEventDelivered: Bool { undelivered.isEmpty }

    // MARK: Predictions

    func predict(_ action: Action) -> Prediction {
        switch action {
        case .addProduct:
            return .succeeds
        case .restock(let product, _):
            return products[product] == nil ? .notApplicable : .succeeds
        case .charge(let user, let amount):
            guard amount >= 1, amount <= Self.maxCharge else { return .fails(.invalidChargeAmount) }
            return (users[user]?.balance ?? 0) + amount > Self.maxBalance ? .fails(.balanceLimitExceeded) : .succeeds
        case .createPolicy:
            return .succeeds
        case .issue(_, let label, let user):
            guard let label else { return .fails(.couponNotFound) }
            guard let policy = policies[label] else { return .notApplicable }
            if policy.holders.contains(user) { return .fails(.couponAlreadyIssued) }
            if let quantity = policy.quantity, policy.issued >= quantity { return .fails(.couponSoldOut) }
            if let end = policy.validUntil, now >= end { return .fails(.couponExpired) }
            return .succeeds
        case .place(_, let user, let items, let coupon):
            return predictPlace(user: user, items: items, coupon: coupon).prediction
        case .pay(let order, let user, let key):
            return predictPay(order: order, user: user, key: key)
        case .advance, .platform, .sweep:
            return .succeeds
        }
    }

    /// The amounts an order would have, or why it is refused.
    ///
    /// The amounts are the prices and the coupon's rule alone, worked out before the checks of stock, coupon use
    /// and balance: in a concurrent round the model learns of the round's steps in an order of its own, so an
    /// order that the shop placed before a payment took its stock or its coupon must still be priced as the shop
    /// priced it.
    func predictPlace(
        user: Int64, items: [Action.Item], coupon: Action.Reference?
    ) -> (
        prediction: Prediction, lines: [(product: String, quantity: Int64)], total: Int64, discount: Int64
    ) {
        let none: [(product: String, quantity: Int64)] = []
        guard !items.isEmpty, items.allSatisfy({ $0.quantity >= 1 }) else { return (.fails(.invalidArgument), none, 0, 0) }
        guard items.allSatisfy({ $0.product == nil || products[$0.product ?? ""] != nil }) else {
            return (.notApplicable, none, 0, 0)
        }
        guard items.allSatisfy({ $0.product != nil }) else { return (.fails(.productNotFound), none, 0, 0) }
        let lines = merged(items)
        let total = lines.reduce(0) { $0 + (products[$1.product]?.price ?? 0) * $1.quantity }
        var issued: CouponState?
        var policy: PolicyState?
        if case .label(let label) = coupon {
            issued = coupons[label]
            policy = issued.flatMap { policies[$0.policy] }
        }
        let discount = policy.map { Self.discount($0.rule, on: total) } ?? 0
        for line in lines where (products[line.product]?.stock ?? 0) < line.quantity {
            return (.fails(.outOfStock), lines, total, discount)
        }
        if let coupon {
            guard case .label = coupon else { return (.fails(.couponNotFound), lines, total, 0) }
            guard let issued, let policy else { return (.notApplicable, lines, total, 0) }
            guard issued.user == user else { return (.fails(.couponNotFound), lines, total, 0) }
            guard issued.usedBy == nil else { return (.fails(.couponAlreadyUsed), lines, total, discount) }
            if let end = policy.validUntil, now >= end { return (.fails(.couponExpired), lines, total, 0) }
            guard total >= policy.minOrder else { return (.fails(.couponMinOrderNotMet), lines, total, 0) }
        }
        let balance = users[user]?.balance ?? 0
        guard balance >= total - discount else { return (.fails(.insufficientBalance), lines, total, discount) }
        return (.succeeds, lines, total, discount)
    }

    func predictPay(order label: String?, user: Int64, key: String?) -> Prediction {
        if let label, orders[label] == nil { return .notApplicable }
        if let key, let earlier = keys["\(user)/\(key)"] {
            return earlier.order == label ? .replays(paymentId: earlier.paymentId) : .fails(.idempotencyKeyReused)
        }
        guard let label, let order = orders[label], order.user == user else { return .fails(.orderNotFound) }
        switch order.status {
        case .paid: return .fails(.orderAlreadyPaid)
        case .expired: return .fails(.orderExpired)
        case .pending: if now >= order.expiresAt { return .fails(.orderExpired) }
        }
        for line in order.lines where (products[line.product]?.stock ?? 0) < line.quantity { return .fails(.outOfStock) }
        if let coupon = order.coupon, let issued = coupons[coupon], let policy = policies[issued.policy] {
            guard issued.usedBy == nil else { return .fails(.couponAlreadyUsed) }
            if let end = policy.validUntil, now >= end { return .fails(.couponExpired) }
        }
        guard (users[user]?.balance ?? 0) >= order.pay else { return .fails(.insufficientBalance) }
        return .succeeds
    }

    /// Items with the same product merged, in ascending product id (the order's lines).
    func merged(_ items: [Action.Item]) -> [(product: String, quantity: Int64)] {
        var quantities: [String: Int64] = [:]
        for item in items { if let product = item.product { quantities[product, default: 0] += item.quantity } }
        return quantities.sorted { (products[$0.key]?.id ?? 0) < (products[$1.key]?.id ?? 0) }.map { ($0.key, $0.value) }
    }

    static func discount(_ rule: Action.PolicyRule, on total: Int64) -> Int64 {
        switch rule {
        case .fixed(let amount): min(amount, total)
        case .percent(let percent, let max): min(total * percent / 100, max ?? .max)
        }
    }

    // MARK: Applying what happened

    /// Orders that the expiry job has expired by now: pending, and due at or before its last run.
    mutating func expireDue() -> [String] {
        let sweep = max(lastSweep(atOrBefore: now), sweptUpTo)
        var expired: [String] = []
        for label in orderLabels where orders[label]?.status == .pending && (orders[label]?.expiresAt ?? now) <= sweep {
            orders[label]?.status = .expired
            expired.append(label)
        }
        return expired
    }

    /// A successful payment of `label`: stock, coupon and points taken, the order paid, its event recorded.
    mutating func paid(_ label: String, paymentId: Int64, key: String?, at paidAt: Timestamp, delivered: Bool) {
        guard let order = orders[label] else { return }
        for line in order.lines { products[line.product]?.stock -= line.quantity }
        if let coupon = order.coupon { coupons[coupon]?.usedBy = label }
        users[order.user]?.balance -= order.pay
        orders[label]?.status = .paid
        orders[label]?.paymentId = paymentId
        orders[label]?.paidAt = paidAt
        if let key { keys["\(order.user)/\(key)"] = (label, paymentId) }
        paidCount += 1
        if !delivered { undelivered[label] = now }
    }

    /// Forgets undelivered events that the relay has certainly delivered by now.
    mutating func settleDeliveries() {
        guard platformUp else { return }
        undelivered = undelivered.filter { now.seconds(since: max($0.value, platformUpSince)) < Self.deliveryWindow }
    }
}
