import Kernel

/// The Order context's tables.
enum OrderSchema {
    static let migrations = [
        Migration(id: "order.001-create-orders") { tx in
            try await tx.sql.create(table: "orders")
                .column("id", type: .bigint, .primaryKey)
                .column("user_id", type: .bigint, .notNull)
                .column("status", type: .text, .notNull)
                .column("coupon_id", type: .bigint)
                .column("total_amount", type: .bigint, .notNull)
                .column("discount_amount", type: .bigint, .notNull)
                .column("pay_amount", type: .bigint, .notNull, .check(SQLRaw("pay_amount >= 0")))
                .column("created_at", type: .bigint, .notNull)
                .column("expires_at", type: .bigint, .notNull)
                .column("paid_at", type: .bigint)
                .run()
            // The expiry sweep reads only due PENDING orders: its cost follows them, not the table.
            try await tx.sql.create(index: "orders_by_status_and_expiry").on("orders").column("status").column("expires_at").run()
            try await tx.sql.create(index: "orders_by_user").on("orders").column("user_id").run()
        },
        Migration(id: "order.002-create-order-lines") { tx in
            try await tx.sql.create(table: "order_lines")
                .column("order_id", type: .bigint, .notNull)
                .column("product_id", type: .bigint, .notNull)
                .column("quantity", type: .bigint, .notNull)
                .column("unit_price", type: .bigint, .notNull)
                .primaryKey("order_id", "product_id")
                .run()
        },
    ]
}
