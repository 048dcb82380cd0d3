/// Draws a shop's traffic from the seed: what a crowd of users and an operator would do, including the
/// mistakes and races the rules exist for. It reads the model to aim (a payment names an order that exists, a
/// coupon one that was issued), and never the database.
struct Workload {
    private var random: SeededGenerator
    let users: Int64
    let products: Int
    let faults: FaultPlan
    private var counters: [String: Int] = [:]
    /// Actions that must follow the last one (a payment right after the clock reached its order's deadline).
    private var queued: [Action] = []
    private var drawn = 0

    init(seed: UInt64, users: Int, products: Int, faults: FaultPlan) {
        random = SeededGenerator(seed: seed)
        self.users = Int64(max(1, users))
        self.products = max(1, products)
        self.faults = faults
    }

    /// The next step of the run, numbered `number`.
    mutating func next(_ model: Model, number: Int) -> Step {
        drawn += 1
        if drawn <= products {
            let label = "p\(drawn)"
            return Step(
                number: number, action: .addProduct(label: label, price: random.int(10...1_000) * 100, stock: random.int(0...30)),
                fault: nil)
        }
        let action = queued.isEmpty ? draw(model) : queued.removeFirst()
        return Step(number: number, action: action, fault: fault(for: action))
    }

    /// A fault for the action, drawn from the plan's rates among the faults that can strike it.
    private mutating func fault(for action: Action) -> SimulatedFault? {
        let eligible: [SimulatedFault]
        switch action {
        case .charge, .place: eligible = [.failBeforeCommit, .crashAfterCommit, .serializationFailure]
        case .pay(_, _, let key):
            eligible =
                [.failBeforeCommit, .serializationFailure, .platformFails, .platformHangs, .platformAcksTwice]
                + (key == nil ? [] : [.crashAfterCommit])
        case .advance(let seconds) where seconds >= 3_600: return .clockJump
        default: return nil
        }
        // One draw per eligible fault, always: a fault's rate moves where it strikes, not what the others draw.
        var chosen: SimulatedFault?
        for candidate in eligible where random.chance(faults.rate(candidate)) && chosen == nil { chosen = candidate }
        return chosen
    }

    private mutating func draw(_ model: Model) -> Action {
        let jump = faults.rate(.clockJump)
        // Weights per ten thousand; a clock jump comes at its fault's rate.
        switch random.weighted([1_200, 500, 300, 800, 2_700, 2_700, 1_000, 200, 200, Int(jump * 10_000), 600]) {
        case 0: return charge()
        case 1: return restock(model)
        case 2: return createPolicy()
        case 3: return issue(model)
        case 4: return place(model)
        case 5: return pay(model)
        case 6: return advance(model)
        case 7: return .platform(up: !model.platformUp)
        case 8: return boundaryRace(model)
        case 9: return .advance(seconds: random.int(1...12) * 3_600 + random.int(0...59))
        default: return contention(model)
        }
    }

    /// Two orders that each pass the order's checks and cannot both be paid: the second payment meets the
    /// seed's payment-time failures (stock taken, coupon used, points spent since the order was placed).
    private mutating func contention(_ model: Model) -> Action {
        let buyer = user()
        let balance = model.users[buyer]?.balance ?? 0
        let inStock = model.productLabels.filter { (model.products[$0]?.stock ?? 0) > 0 }
        guard let product = random.pick(inStock), let state = model.products[product] else { return restock(model) }
        var items = [Action.Item(product: product, quantity: 1)]
        var coupon: Action.Reference?
        var setup: [Action] = []
        switch random.weighted([1, 1, 1]) {
        case 0:  // the whole stock, twice
            items[0].quantity = min(state.stock, 5)
            if state.stock > 5 { setup.append(.restock(product: product, quantity: 1)) }
            setup.append(.charge(user: buyer, amount: Model.maxCharge))
        case 1:  // one coupon on both
            let usable = model.couponLabels.filter { model.coupons[$0].map { $0.user == buyer && $0.usedBy == nil } ?? false }
            guard let own = random.pick(usable) else { return issue(model) }
            coupon = .label(own)
            setup.append(.restock(product: product, quantity: 2))
            setup.append(.charge(user: buyer, amount: Model.maxCharge))
        default:  // a balance that covers one of them
            let quantity = balance / max(1, state.price)
            guard quantity >= 1 else { return .charge(user: buyer, amount: state.price * 2) }
            items[0].quantity = quantity
            setup.append(.restock(product: product, quantity: quantity * 2))
        }
        let first = label("o")
        let second = label("o")
        queued +=
            setup.dropFirst() + [
                .place(label: first, user: buyer, items: items, coupon: coupon),
                .place(label: second, user: buyer, items: items, coupon: coupon),
                .pay(order: first, user: buyer, key: nil), .pay(order: second, user: buyer, key: nil),
            ]
        return setup.first ?? queued.removeFirst()
    }

    private mutating func user() -> Int64 { random.int(1...users) }

    private mutating func label(_ prefix: String) -> String {
        counters[prefix, default: 0] += 1
        return "\(prefix)\(counters[prefix] ?? 0)"
    }

    private mutating func charge() -> Action {
        let amount: Int64 =
            switch random.weighted([80, 8, 6, 6]) {
            case 0: random.int(1...50) * 10_000
            case 1: 1_000_000  // the per-charge limit, which soon meets the balance's cap
            case 2: random.chance(0.5) ? 0 : 1_000_001  // refused: INVALID_CHARGE_AMOUNT
            default: random.int(1...999)
            }
        return .charge(user: user(), amount: amount)
    }

    private mutating func restock(_ model: Model) -> Action {
        guard let product = random.pick(model.productLabels) else { return charge() }
        return .restock(product: product, quantity: random.int(1...20))
    }

    private mutating func createPolicy() -> Action {
        let rule: Action.PolicyRule =
            random.chance(0.5)
            ? .fixed(random.int(1...50) * 1_000)
            : .percent(random.int(5...50), max: random.chance(0.5) ? random.int(1...20) * 1_000 : nil)
        let quantity: Int64? = random.chance(0.5) ? random.int(1...4) : nil
        let valid: Int64? = random.chance(0.4) ? random.int(1...40) * 60 : nil
        let minOrder: Int64 = random.chance(0.3) ? random.int(1...20) * 10_000 : 0
        return .createPolicy(label: label("cp"), rule: rule, quantity: quantity, validSeconds: valid, minOrder: minOrder)
    }

    private mutating func issue(_ model: Model) -> Action {
        let policy = random.chance(0.05) ? nil : random.pick(model.policyLabels)
        if policy == nil, model.policyLabels.isEmpty { return createPolicy() }
        return .issue(label: label("c"), policy: policy, user: user())
    }

    private mutating func place(_ model: Model) -> Action {
        guard !model.productLabels.isEmpty else { return charge() }
        var items: [Action.Item] = []
        for _ in 0..<random.int(1...3) {
            items.append(Action.Item(product: random.pick(model.productLabels), quantity: random.int(1...3)))
        }
        switch random.weighted([80, 5, 5, 5, 5]) {
        case 4: items[0].quantity = random.int(10...40)  // more than is likely in stock
        case 1: items.append(Action.Item(product: nil, quantity: 1))  // PRODUCT_NOT_FOUND
        case 2: items.append(items[0])  // the same product twice: merged
        case 3: items[0].quantity = 0  // INVALID_ARGUMENT
        default: break
        }
        let buyer = user()
        var coupon: Action.Reference?
        let own = model.couponLabels.filter { model.coupons[$0]?.user == buyer }
        if !own.isEmpty, random.chance(0.5) {
            coupon = random.pick(own).map(Action.Reference.label)
        } else if random.chance(0.05) {
            coupon = random.chance(0.5) ? .unknown : random.pick(model.couponLabels).map(Action.Reference.label)
        }
        return .place(label: label("o"), user: buyer, items: items, coupon: coupon)
    }

    private mutating func pay(_ model: Model) -> Action {
        if random.chance(0.05), let (userKey, earlier) = random.pick(model.keys.sorted(by: { $0.key < $1.key })) {
            // The same request again, with the same key: a client retrying after a timeout.
            let parts = userKey.split(separator: "/")
            return .pay(order: earlier.order, user: Int64(parts.first ?? "") ?? 1, key: String(parts.last ?? ""))
        }
        let pending = model.orderLabels.filter { model.orders[$0]?.status == .pending }
        let target = random.chance(0.8) ? random.pick(pending) : random.pick(model.orderLabels)
        guard let target, let order = model.orders[target], !random.chance(0.04) else {
            return .pay(order: nil, user: user(), key: nil)  // ORDER_NOT_FOUND
        }
        let payer = random.chance(0.05) ? user() : order.user
        let key: String?
        switch random.weighted([40, 45, 15]) {
        case 0: key = nil
        case 1: key = label("k")
        default:
            // A key this user sent before: a replay for the same order, IDEMPOTENCY_KEY_REUSED for another.
            let used = model.keys.keys.filter { $0.hasPrefix("\(payer)/") }.sorted()
            key = random.pick(used).map { String($0.split(separator: "/").last ?? "") } ?? label("k")
        }
        return .pay(order: target, user: payer, key: key)
    }

    private mutating func advance(_ model: Model) -> Action {
        let seconds: Int64 =
            switch random.weighted([30, 25, 15, 10, 10, 10]) {
            case 0: random.int(1...59)
            case 1: random.int(1...5) * 60 + random.int(0...59)
            case 2: 14 * 60 + 59
            case 3: 15 * 60
            case 4: random.int(10...59) * 60
            default: random.int(1...9)
            }
        return .advance(seconds: seconds)
    }

    /// The clock moved to a pending order's deadline, or one second short of it, then its payment: the race
    /// between a payment and the expiry job, at the boundary.
    private mutating func boundaryRace(_ model: Model) -> Action {
        let pending = model.orderLabels.filter { model.orders[$0].map { $0.status == .pending && $0.expiresAt > model.now } ?? false }
        guard let target = random.pick(pending), let order = model.orders[target] else { return advance(model) }
        let shortBy: Int64 = random.chance(0.5) ? 1 : 0
        let seconds = order.expiresAt.seconds(since: model.now) - shortBy
        queued.append(.pay(order: target, user: order.user, key: random.chance(0.5) ? label("k") : nil))
        return seconds > 0 ? .advance(seconds: seconds) : queued.removeFirst()
    }
}
