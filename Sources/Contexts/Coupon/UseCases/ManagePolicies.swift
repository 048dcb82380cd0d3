import Kernel

extension CouponService {
    /// Creates a coupon policy. Fails with `INVALID_ARGUMENT` for an empty name, a fixed amount below 1, a
    /// percent outside 1...100, a max below 1, a quantity below 1, a negative minimum order, a validity that
    /// is not positive, or an end that is not in the future.
    public func create(
        name: String, rule: DiscountRule, quantity: Int64? = nil, validity: CouponValidity = .unlimited,
        minOrder: Money = .zero
    ) async throws -> CouponPolicy {
        let name = try Validate.name(name, "coupon name")
        try rule.validate()
        if let quantity { try Validate.positive(quantity, "quantity") }
        try Validate.nonNegative(minOrder.won, "minimum order")
        let now = clock.now()
        let validUntil: Timestamp?
        switch validity {
        case .unlimited:
            validUntil = nil
        case .lasting(let span):
            try Validate.positive(span.seconds, "validity in seconds")
            validUntil = try now.adding(seconds: span.seconds)
        case .until(let end):
            guard end > now else { throw DomainError.invalid("validity must end after now (\(now)), got \(end)") }
            validUntil = end
        }
        return try await database.write { tx in
            let store = CouponStore(tx: tx)
            let id = try await store.insertPolicy(
                name: name, rule: rule, quantity: quantity, minOrder: minOrder, validUntil: validUntil, now: now)
            return try await Self.existingPolicy(id, in: store)
        }
    }

    /// One policy, or `COUPON_NOT_FOUND`.
    public func policy(_ id: CouponPolicyID) async throws -> CouponPolicy {
        try await database.read { tx in try await Self.existingPolicy(id, in: CouponStore(tx: tx)) }
    }

    /// Every policy, by id.
    public func policies() async throws -> [CouponPolicy] {
        try await database.read { tx in try await CouponStore(tx: tx).policies() }
    }

    static func existingPolicy(_ id: CouponPolicyID, in store: CouponStore) async throws -> CouponPolicy {
        guard let policy = try await store.policy(id) else {
            throw DomainError(.couponNotFound, "coupon policy \(id) does not exist")
        }
        return policy
    }
}
