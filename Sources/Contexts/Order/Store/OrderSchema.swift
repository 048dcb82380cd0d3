import Kernel

/// The Order context's tables.
enum OrderSchema {
    static let migrations = [
        Migration(id: "order.001-create-orders") { dialect in
            [
                """
                CREATE TABLE orders (
                    id \(raw: dialect.generatedPrimaryKey),
                    user_id BIGINT NOT NULL,
                    status TEXT NOT NULL,
                    coupon_id BIGINT,
                    total_amount BIGINT NOT NULL,
                    discount_amount BIGINT NOT NULL,
                    pay_amount BIGINT NOT NULL CHECK (pay_amount >= 0),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    paid_at BIGINT)
                """,
                // The expiry sweep reads only due PENDING orders: its cost follows them, not the table.
                "CREATE INDEX orders_by_status_and_expiry ON orders (status, expires_at)",
                "CREATE INDEX orders_by_user ON orders (user_id)",
            ]
        },
        Migration(id: "order.002-create-order-lines") { _ in
            [
                """
                CREATE TABLE order_lines (
                    order_id BIGINT NOT NULL,
                    product_id BIGINT NOT NULL,
                    quantity BIGINT NOT NULL,
                    unit_price BIGINT NOT NULL,
                    PRIMARY KEY (order_id, product_id))
                """
            ]
        },
    ]
}
