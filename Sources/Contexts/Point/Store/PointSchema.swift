import Kernel

/// The Point context's tables.
enum PointSchema {
    static let migrations = [
        Migration(id: "point.001-create-balances") { _ in
            ["CREATE TABLE point_balances (user_id BIGINT PRIMARY KEY, balance BIGINT NOT NULL CHECK (balance >= 0))"]
        },
        Migration(id: "point.002-create-entries") { dialect in
            [
                """
                CREATE TABLE point_entries (
                    id \(raw: dialect.generatedPrimaryKey),
                    user_id BIGINT NOT NULL,
                    kind TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    balance_after BIGINT NOT NULL,
                    order_id BIGINT,
                    created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX point_entries_by_user ON point_entries (user_id)",
            ]
        },
    ]
}
