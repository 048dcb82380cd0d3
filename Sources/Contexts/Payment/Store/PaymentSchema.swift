import Kernel

/// The Payment context's table.
enum PaymentSchema {
    static let migrations = [
        Migration(id: "payment.001-create-payments") { dialect in
            [
                """
                CREATE TABLE payments (
                    id \(raw: dialect.generatedPrimaryKey),
                    order_id BIGINT NOT NULL UNIQUE,
                    user_id BIGINT NOT NULL,
                    amount BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    idempotency_key TEXT,
                    UNIQUE (user_id, idempotency_key))
                """  // order_id: an order is paid once, whatever happens; a key belongs to one user
            ]
        }
    ]
}
