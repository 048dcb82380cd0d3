import Kernel

/// The Point context's SQL, in the caller's transaction.
struct PointStore {
    let tx: Transaction

    func balance(of user: UserID) async throws -> Money {
        let row = try await tx.sql.raw("SELECT balance FROM point_balances WHERE user_id = \(bind: user.rawValue)").first()
        return Money(won: try row?.decode(column: "balance", as: Int64.self) ?? 0)
    }

    /// Adds `amount` unless the balance would pass `cap`; the new balance, or nil when it would.
    func add(_ amount: Money, to user: UserID, cap: Money) async throws -> Money? {
        try await tx.sql.raw("""
            INSERT INTO point_balances (user_id, balance) VALUES (\(bind: user.rawValue), 0)
            ON CONFLICT (user_id) DO NOTHING
            """).run()
        return try await tx.sql.raw("""
            UPDATE point_balances SET balance = balance + \(bind: amount.won)
            WHERE user_id = \(bind: user.rawValue) AND balance <= \(bind: cap.won - amount.won)
            RETURNING balance
            """).first().map { Money(won: try $0.decode(column: "balance", as: Int64.self)) }
    }

    /// Takes `amount` if the balance covers it, in one conditional statement; the new balance, or nil.
    func take(_ amount: Money, from user: UserID) async throws -> Money? {
        try await tx.sql.raw("""
            UPDATE point_balances SET balance = balance - \(bind: amount.won)
            WHERE user_id = \(bind: user.rawValue) AND balance >= \(bind: amount.won)
            RETURNING balance
            """).first().map { Money(won: try $0.decode(column: "balance", as: Int64.self)) }
    }

    func record(
        _ kind: PointEntry.Kind, user: UserID, amount: Money, balanceAfter: Money, order: OrderID?, now: Timestamp
    ) async throws {
        try await tx.sql.raw("""
            INSERT INTO point_entries (user_id, kind, amount, balance_after, order_id, created_at)
            VALUES (\(bind: user.rawValue), \(bind: kind.rawValue), \(bind: amount.won), \(bind: balanceAfter.won),
                \(bind: order?.rawValue), \(bind: now.rawValue))
            """).run()
    }

    func entries(of user: UserID) async throws -> [PointEntry] {
        try await tx.sql.raw("SELECT * FROM point_entries WHERE user_id = \(bind: user.rawValue) ORDER BY id").all()
            .map { row in
                PointEntry(
                    id: try row.decode(column: "id", as: Int64.self),
                    userId: user,
                    kind: PointEntry.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .charge,
                    amount: Money(won: try row.decode(column: "amount", as: Int64.self)),
                    balanceAfter: Money(won: try row.decode(column: "balance_after", as: Int64.self)),
                    orderId: try row.decode(column: "order_id", as: Int64?.self).map(OrderID.init(rawValue:)),
                    createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)))
            }
    }
}
