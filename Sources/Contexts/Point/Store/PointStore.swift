import Kernel

/// The Point context's SQL, in the caller's transaction.
struct PointStore {
    let tx: Transaction

    func balance(of user: UserID) async throws -> Money {
        let row = try await tx.first("SELECT balance FROM point_balances WHERE user_id = \(bind: user.rawValue)")
        return Money(won: try row?.decode(column: "balance", as: Int64.self) ?? 0)
    }

    /// Adds `amount` unless the balance would pass `cap`; the new balance, or nil when it would.
    func add(_ amount: Money, to user: UserID, cap: Money) async throws -> Money? {
        try await tx.execute(
            """
            INSERT INTO point_balances (user_id, balance) VALUES (\(bind: user.rawValue), 0)
            ON CONFLICT (user_id) DO NOTHING
            """)
        return try await tx.first(
            """
            UPDATE point_balances SET balance = balance + \(bind: amount.won)
            WHERE user_id = \(bind: user.rawValue) AND balance <= \(bind: cap.won - amount.won)
            RETURNING balance
            """
        ).map { Money(won: try $0.decode(column: "balance", as: Int64.self)) }
    }

    /// Takes `amount` if the balance covers it, in one conditional statement; the new balance, or nil.
    func take(_ amount: Money, from user: UserID) async throws -> Money? {
        try await tx.first(
            """
            UPDATE point_balances SET balance = balance - \(bind: amount.won)
            WHERE user_id = \(bind: user.rawValue) AND balance >= \(bind: amount.won)
            RETURNING balance
            """
        ).map { Money(won: try $0.decode(column: "balance", as: Int64.self)) }
    }

    func record(
        _ kind: PointEntry.Kind, user: UserID, amount: Money, balanceAfter: Money, order: OrderID?, now: Timestamp
    ) async throws {
        try await tx.execute(
            """
            INSERT INTO point_entries (user_id, kind, amount, balance_after, order_id, created_at)
            VALUES (\(bind: user.rawValue), \(bind: kind.rawValue), \(bind: amount.won), \(bind: balanceAfter.won),
                \(bind: order?.rawValue), \(bind: now.rawValue))
            """)
    }

    func entries(of user: UserID, _ page: PageRequest = .everything) async throws -> [PointEntry] {
        try await tx.all(
            """
            SELECT * FROM point_entries WHERE user_id = \(bind: user.rawValue) AND id > \(bind: page.afterID)
            ORDER BY id LIMIT \(bind: page.rowsToRead)
            """
        )
        .map { row in
            PointEntry(
                id: try row.decode(column: "id", as: Int64.self),
                userId: user,
                kind: try Self.kind(row),
                amount: Money(won: try row.decode(column: "amount", as: Int64.self)),
                balanceAfter: Money(won: try row.decode(column: "balance_after", as: Int64.self)),
                orderId: try row.decode(column: "order_id", as: Int64?.self).map(OrderID.init(rawValue:)),
                createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)))
        }
    }

    /// A stored entry kind the code does not know is corrupt data: an error, never a guess.
    static func kind(_ row: SQLRow) throws -> PointEntry.Kind {
        let text = try row.decode(column: "kind", as: String.self)
        guard let kind = PointEntry.Kind(rawValue: text) else {
            throw DatabaseError.undecodable(column: "point_entries.kind", reason: "unknown entry kind '\(text)'")
        }
        return kind
    }
}
