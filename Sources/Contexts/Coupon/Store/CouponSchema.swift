import Kernel

/// The Coupon context's tables.
enum CouponSchema {
    static let migrations = [
        Migration(id: "coupon.001-create-policies") { dialect in
            [
                """
                CREATE TABLE coupon_policies (
                    id \(raw: dialect.generatedPrimaryKey),
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount BIGINT,
                    percent BIGINT,
                    max_discount BIGINT,
                    quantity BIGINT,
                    issued BIGINT NOT NULL CHECK (issued >= 0),
                    min_order BIGINT NOT NULL,
                    valid_until BIGINT,
                    created_at BIGINT NOT NULL)
                """
            ]
        },
        Migration(id: "coupon.002-create-coupons") { dialect in
            [
                """
                CREATE TABLE coupons (
                    id \(raw: dialect.generatedPrimaryKey),
                    policy_id BIGINT NOT NULL,
                    user_id BIGINT NOT NULL,
                    status TEXT NOT NULL,
                    order_id BIGINT,
                    issued_at BIGINT NOT NULL,
                    used_at BIGINT,
                    UNIQUE (policy_id, user_id))
                """,  // one per user, also under concurrent issues
                "CREATE INDEX coupons_by_user ON coupons (user_id)",
            ]
        },
    ]
}
