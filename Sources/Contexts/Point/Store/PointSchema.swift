import Kernel

/// The Point context's tables.
enum PointSchema {
    static let migrations = [
        Migration(id: "point.001-create-balances") { tx in
            try await tx.sql.create(table: "point_balances")
                .column("user_id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("balance", type: .bigint, .notNull, .check(SQLRaw("balance >= 0")))
                .run()
        },
        Migration(id: "point.002-create-entries") { tx in
            try await tx.sql.create(table: "point_entries")
                .column("id", type: .bigint, .primaryKey)
                .column("user_id", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("amount", type: .bigint, .notNull)
                .column("balance_after", type: .bigint, .notNull)
                .column("order_id", type: .bigint)
                .column("created_at", type: .bigint, .notNull)
                .run()
            try await tx.sql.create(index: "point_entries_by_user").on("point_entries").column("user_id").run()
        },
    ]
}
