import Kernel

/// The Coupon context's SQL, in the caller's transaction.
struct CouponStore {
    let tx: Transaction

    func insertPolicy(
        name: String, rule: DiscountRule, quantity: Int64?, minOrder: Money, validUntil: Timestamp?, now: Timestamp
    ) async throws -> CouponPolicyID {
        let (amount, percent, max): (Int64?, Int64?, Int64?) =
            switch rule {
            case .fixed(let amount): (amount.won, nil, nil)
            case .percent(let percent, let max): (nil, percent, max?.won)
            }
        return CouponPolicyID(
            rawValue: try await tx.insertReturningID(
                """
                INSERT INTO coupon_policies
                    (name, kind, amount, percent, max_discount, quantity, issued, min_order, valid_until, created_at)
                VALUES (\(bind: name), \(bind: rule.type), \(bind: amount), \(bind: percent), \(bind: max),
                    \(bind: quantity), 0, \(bind: minOrder.won), \(bind: validUntil?.rawValue), \(bind: now.rawValue))
                RETURNING id
                """))
    }

    func policy(_ id: CouponPolicyID) async throws -> CouponPolicy? {
        try await tx.first("SELECT * FROM coupon_policies WHERE id = \(bind: id.rawValue)").map(Self.policy)
    }

    func policies() async throws -> [CouponPolicy] {
        try await tx.all("SELECT * FROM coupon_policies ORDER BY id").map(Self.policy)
    }

    /// Counts one more issued coupon unless the cap is reached; false when it is.
    func countIssue(_ id: CouponPolicyID) async throws -> Bool {
        try await tx.first(
            """
            UPDATE coupon_policies SET issued = issued + 1
            WHERE id = \(bind: id.rawValue) AND (quantity IS NULL OR issued < quantity)
            RETURNING id
            """) != nil
    }

    /// Inserts an issued coupon; nil when the user already holds one of this policy.
    func insertCoupon(_ policy: CouponPolicyID, user: UserID, now: Timestamp) async throws -> CouponID? {
        try await tx.first(
            """
            INSERT INTO coupons (policy_id, user_id, status, issued_at)
            VALUES (\(bind: policy.rawValue), \(bind: user.rawValue), 'ISSUED', \(bind: now.rawValue))
            ON CONFLICT (policy_id, user_id) DO NOTHING
            RETURNING id
            """
        ).map { CouponID(rawValue: try $0.decode(column: "id", as: Int64.self)) }
    }

    func hasCoupon(_ policy: CouponPolicyID, user: UserID) async throws -> Bool {
        try await tx.first(
            """
            SELECT id FROM coupons WHERE policy_id = \(bind: policy.rawValue) AND user_id = \(bind: user.rawValue)
            """) != nil
    }

    func coupon(_ id: CouponID) async throws -> StoredCoupon? {
        try await tx.first("SELECT * FROM coupons WHERE id = \(bind: id.rawValue)").map(Self.coupon)
    }

    func coupons(of user: UserID, _ page: PageRequest = .everything) async throws -> [StoredCoupon] {
        try await tx.all(
            """
            SELECT * FROM coupons WHERE user_id = \(bind: user.rawValue) AND id > \(bind: page.afterID)
            ORDER BY id LIMIT \(bind: page.rowsToRead)
            """
        ).map(Self.coupon)
    }

    /// Marks an `ISSUED` coupon used by `order`, in one conditional statement; false when it was not `ISSUED`.
    func markUsed(_ id: CouponID, by order: OrderID, now: Timestamp) async throws -> Bool {
        try await tx.first(
            """
            UPDATE coupons SET status = 'USED', order_id = \(bind: order.rawValue), used_at = \(bind: now.rawValue)
            WHERE id = \(bind: id.rawValue) AND status = 'ISSUED'
            RETURNING id
            """) != nil
    }

    static func policy(_ row: SQLRow) throws -> CouponPolicy {
        let kind = try row.decode(column: "kind", as: String.self)
        let rule: DiscountRule
        switch kind {
        case "FIXED": rule = .fixed(Money(won: try row.decode(column: "amount", as: Int64.self)))
        case "PERCENT":
            rule = .percent(
                try row.decode(column: "percent", as: Int64.self),
                max: try row.decode(column: "max_discount", as: Int64?.self).map(Money.init(won:)))
        default: throw DatabaseError.undecodable(column: "coupon_policies.kind", reason: "unknown discount kind '\(kind)'")
        }
        return CouponPolicy(
            id: CouponPolicyID(rawValue: try row.decode(column: "id", as: Int64.self)),
            name: try row.decode(column: "name", as: String.self),
            rule: rule,
            quantity: try row.decode(column: "quantity", as: Int64?.self),
            issued: try row.decode(column: "issued", as: Int64.self),
            minOrder: Money(won: try row.decode(column: "min_order", as: Int64.self)),
            validUntil: try row.decode(column: "valid_until", as: Int64?.self).map(Timestamp.init(rawValue:)),
            createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)))
    }

    /// A stored coupon is `ISSUED` or `USED` (expiry is derived); anything else is corrupt data.
    static func isUsed(_ row: SQLRow) throws -> Bool {
        switch try row.decode(column: "status", as: String.self) {
        case "USED": return true
        case "ISSUED": return false
        case let other: throw DatabaseError.undecodable(column: "coupons.status", reason: "unknown coupon status '\(other)'")
        }
    }

    static func coupon(_ row: SQLRow) throws -> StoredCoupon {
        StoredCoupon(
            id: CouponID(rawValue: try row.decode(column: "id", as: Int64.self)),
            policyId: CouponPolicyID(rawValue: try row.decode(column: "policy_id", as: Int64.self)),
            userId: UserID(rawValue: try row.decode(column: "user_id", as: Int64.self)),
            isUsed: try isUsed(row),
            orderId: try row.decode(column: "order_id", as: Int64?.self).map(OrderID.init(rawValue:)))
    }
}

/// An issued coupon's row, before its status is derived against the clock and its policy.
struct StoredCoupon {
    let id: CouponID
    let policyId: CouponPolicyID
    let userId: UserID
    let isUsed: Bool
    let orderId: OrderID?

    func view(policy: CouponPolicy, now: Timestamp) -> IssuedCoupon {
        IssuedCoupon(
            id: id, policyId: policyId, name: policy.name, userId: userId,
            status: isUsed ? .used : policy.isExpired(at: now) ? .expired : .issued,
            orderId: orderId, validUntil: policy.validUntil)
    }
}
