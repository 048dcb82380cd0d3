import Kernel

/// The Payment context's SQL, in the caller's transaction.
struct PaymentStore {
    let tx: Transaction

    func insert(order: OrderID, user: UserID, amount: Money, key: String?, now: Timestamp) async throws -> Payment {
        let id = try await tx.insertReturningID(
            """
            INSERT INTO payments (order_id, user_id, amount, created_at, idempotency_key)
            VALUES (\(bind: order.rawValue), \(bind: user.rawValue), \(bind: amount.won), \(bind: now.rawValue), \(bind: key))
            RETURNING id
            """)
        return Payment(id: PaymentID(rawValue: id), orderId: order, userId: user, amount: amount, createdAt: now, idempotencyKey: key)
    }

    func find(_ id: PaymentID) async throws -> Payment? {
        try await tx.first("SELECT * FROM payments WHERE id = \(bind: id.rawValue)").map(Self.payment)
    }

    func all() async throws -> [Payment] {
        try await tx.all("SELECT * FROM payments ORDER BY id").map(Self.payment)
    }

    func find(user: UserID, key: String) async throws -> Payment? {
        try await tx.first(
            """
            SELECT * FROM payments WHERE user_id = \(bind: user.rawValue) AND idempotency_key = \(bind: key)
            """
        ).map(Self.payment)
    }

    static func payment(_ row: SQLRow) throws -> Payment {
        Payment(
            id: PaymentID(rawValue: try row.decode(column: "id", as: Int64.self)),
            orderId: OrderID(rawValue: try row.decode(column: "order_id", as: Int64.self)),
            userId: UserID(rawValue: try row.decode(column: "user_id", as: Int64.self)),
            amount: Money(won: try row.decode(column: "amount", as: Int64.self)),
            createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)),
            idempotencyKey: try row.decode(column: "idempotency_key", as: String?.self))
    }
}
