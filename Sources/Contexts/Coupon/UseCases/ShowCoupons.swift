import Kernel

extension CouponService {
    /// One issued coupon, or `COUPON_NOT_FOUND`.
    public func coupon(_ id: CouponID) async throws -> IssuedCoupon {
        let now = clock.now()
        return try await database.read { tx in
            let store = CouponStore(tx: tx)
            guard let coupon = try await store.coupon(id) else {
                throw DomainError(.couponNotFound, "coupon \(id) does not exist")
            }
            return coupon.view(policy: try await Self.existingPolicy(coupon.policyId, in: store), now: now)
        }
    }

    /// The coupons issued to a user, by id, with their status now.
    public func coupons(of user: UserID) async throws -> [IssuedCoupon] {
        try await coupons(of: user, page: .everything).items
    }

    /// One page of a user's coupons by id, each with its status now.
    public func coupons(of user: UserID, page: PageRequest) async throws -> Page<IssuedCoupon> {
        let now = clock.now()
        return page.page(
            of: try await database.read { tx in
                let store = CouponStore(tx: tx)
                var views: [IssuedCoupon] = []
                for coupon in try await store.coupons(of: user, page) {
                    views.append(coupon.view(policy: try await Self.existingPolicy(coupon.policyId, in: store), now: now))
                }
                return views
            }
        ) { $0.id.rawValue }
    }
}
