import Kernel

/// The Coupon context's tables.
enum CouponSchema {
    static let migrations = [
        Migration(id: "coupon.001-create-policies") { tx in
            try await tx.sql.create(table: "coupon_policies")
                .column("id", type: .bigint, .primaryKey)
                .column("name", type: .text, .notNull)
                .column("kind", type: .text, .notNull)
                .column("amount", type: .bigint)
                .column("percent", type: .bigint)
                .column("max_discount", type: .bigint)
                .column("quantity", type: .bigint)
                .column("issued", type: .bigint, .notNull, .check(SQLRaw("issued >= 0")))
                .column("min_order", type: .bigint, .notNull)
                .column("valid_until", type: .bigint)
                .column("created_at", type: .bigint, .notNull)
                .run()
        },
        Migration(id: "coupon.002-create-coupons") { tx in
            try await tx.sql.create(table: "coupons")
                .column("id", type: .bigint, .primaryKey)
                .column("policy_id", type: .bigint, .notNull)
                .column("user_id", type: .bigint, .notNull)
                .column("status", type: .text, .notNull)
                .column("order_id", type: .bigint)
                .column("issued_at", type: .bigint, .notNull)
                .column("used_at", type: .bigint)
                .unique("policy_id", "user_id")  // one per user, also under concurrent issues
                .run()
            try await tx.sql.create(index: "coupons_by_user").on("coupons").column("user_id").run()
        },
    ]
}
