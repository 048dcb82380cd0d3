import Kernel

extension CouponService {
    /// Issues one coupon of a policy to a user: first come, first served, one per user.
    ///
    /// Checks in order: the policy exists (`COUPON_NOT_FOUND`), the user holds none yet
    /// (`COUPON_ALREADY_ISSUED`), the cap is not reached (`COUPON_SOLD_OUT`), the policy has not expired
    /// (`COUPON_EXPIRED`). The count is a conditional update and the one-per-user rule a unique key, so
    /// concurrent issues never pass the cap or give a user two.
    public func issue(_ policyId: CouponPolicyID, to user: UserID) async throws -> IssuedCoupon {
        let now = clock.now()
        return try await database.write { tx in
            let store = CouponStore(tx: tx)
            let policy = try await Self.existingPolicy(policyId, in: store)
            let alreadyIssued = DomainError(.couponAlreadyIssued, "user \(user) already holds a \(policy.name) coupon")
            guard try await !store.hasCoupon(policyId, user: user) else { throw alreadyIssued }
            guard try await store.countIssue(policyId) else {
                throw DomainError(.couponSoldOut, "all \(policy.quantity ?? 0) \(policy.name) coupons are issued")
            }
            guard !policy.isExpired(at: now) else { throw Self.expired(policy) }
            // Another transaction may have issued one since the check above (possible on PostgreSQL).
            guard let id = try await store.insertCoupon(policyId, user: user, now: now) else { throw alreadyIssued }
            return StoredCoupon(id: id, policyId: policyId, userId: user, isUsed: false, orderId: nil)
                .view(policy: policy, now: now)
        }
    }

    static func expired(_ policy: CouponPolicy) -> DomainError {
        DomainError(.couponExpired, "\(policy.name) coupons were valid until \(policy.validUntil.map(\.description) ?? "-")")
    }
}
