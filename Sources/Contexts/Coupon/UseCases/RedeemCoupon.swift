import Kernel

extension CouponService {
    /// Checks that a user may use an issued coupon on an order of `total` won and returns the discount.
    ///
    /// Checks in order: the coupon exists and is the user's (`COUPON_NOT_FOUND`), it is not used
    /// (`COUPON_ALREADY_USED`), it has not expired (`COUPON_EXPIRED`), the total reaches the policy's minimum
    /// (`COUPON_MIN_ORDER_NOT_MET`).
    public func validate(_ id: CouponID, for user: UserID, total: Money, in tx: Transaction) async throws -> Money {
        let store = CouponStore(tx: tx)
        let policy = try await usable(id, for: user, in: store)
        guard total >= policy.minOrder else {
            throw DomainError(
                .couponMinOrderNotMet, "\(policy.name) needs an order of at least \(policy.minOrder) won, this one is \(total)")
        }
        return try policy.rule.discount(on: total)
    }

    /// ``validate(_:for:total:in:)`` in a transaction of its own.
    public func validate(_ id: CouponID, for user: UserID, total: Money) async throws -> Money {
        try await database.read { tx in try await validate(id, for: user, total: total, in: tx) }
    }

    /// Uses a coupon for a paid order: validates it again, then moves it from `ISSUED` to `USED` with a
    /// conditional update, so that of two orders paid at once with one coupon exactly one succeeds.
    public func redeem(_ id: CouponID, for user: UserID, order: OrderID, total: Money, in tx: Transaction) async throws {
        _ = try await validate(id, for: user, total: total, in: tx)
        guard try await CouponStore(tx: tx).markUsed(id, by: order, now: clock.now()) else {
            throw Self.alreadyUsed(id)
        }
    }

    private func usable(_ id: CouponID, for user: UserID, in store: CouponStore) async throws -> CouponPolicy {
        guard let coupon = try await store.coupon(id), coupon.userId == user else {
            throw DomainError(.couponNotFound, "coupon \(id) does not exist for user \(user)")
        }
        guard !coupon.isUsed else { throw Self.alreadyUsed(id) }
        let policy = try await Self.existingPolicy(coupon.policyId, in: store)
        guard !policy.isExpired(at: clock.now()) else { throw Self.expired(policy) }
        return policy
    }

    private static func alreadyUsed(_ id: CouponID) -> DomainError {
        DomainError(.couponAlreadyUsed, "coupon \(id) is already used by another paid order")
    }
}
