import Kernel

/// The Payment context's table.
enum PaymentSchema {
    static let migrations = [
        Migration(id: "payment.001-create-payments") { tx in
            try await tx.sql.create(table: "payments")
                .column("id", type: .bigint, .primaryKey)
                .column("order_id", type: .bigint, .notNull, .unique)  // an order is paid once, whatever happens
                .column("user_id", type: .bigint, .notNull)
                .column("amount", type: .bigint, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("idempotency_key", type: .text)
                .unique("user_id", "idempotency_key")  // a key belongs to one user
                .run()
        }
    ]
}
