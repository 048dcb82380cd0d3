import Kernel

/// The Order context's SQL, in the caller's transaction.
struct OrderStore {
    let tx: Transaction

    func insert(
        user: UserID, lines: [OrderLine], coupon: CouponID?, total: Money, discount: Money, pay: Money,
        createdAt: Timestamp, expiresAt: Timestamp
    ) async throws -> OrderID {
        let id = try await tx.insertReturningID(
            """
            INSERT INTO orders (user_id, status, coupon_id, total_amount, discount_amount, pay_amount, created_at, expires_at)
            VALUES (\(bind: user.rawValue), 'PENDING', \(bind: coupon?.rawValue), \(bind: total.won), \(bind: discount.won),
                \(bind: pay.won), \(bind: createdAt.rawValue), \(bind: expiresAt.rawValue))
            RETURNING id
            """)
        guard !lines.isEmpty else { return OrderID(rawValue: id) }
        var values: SQL = ""
        for (index, line) in lines.enumerated() {
            values =
                "\(values)\(raw: index == 0 ? "" : ", ")(\(bind: id), \(bind: line.productId.rawValue), \(bind: line.quantity), \(bind: line.unitPrice.won))"
        }
        try await tx.execute("INSERT INTO order_lines (order_id, product_id, quantity, unit_price) VALUES \(values)")
        return OrderID(rawValue: id)
    }

    /// One order with its lines, in one query (both tables are this context's).
    func find(_ id: OrderID) async throws -> Order? {
        let rows = try await tx.all(
            """
            SELECT o.*, l.product_id, l.quantity, l.unit_price FROM orders o
            LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = \(bind: id.rawValue) ORDER BY l.product_id
            """)
        guard let first = rows.first else { return nil }
        let lines = try rows.compactMap { row -> OrderLine? in
            guard let product = try row.decode(column: "product_id", as: Int64?.self) else { return nil }
            return OrderLine(
                productId: ProductID(rawValue: product), quantity: try row.decode(column: "quantity", as: Int64.self),
                unitPrice: Money(won: try row.decode(column: "unit_price", as: Int64.self)))
        }
        return try Self.order(first, lines: lines)
    }

    func list(user: UserID?, status: OrderStatus?, _ page: PageRequest = .everything) async throws -> [Order] {
        var query: SQL = "SELECT * FROM orders WHERE id > \(bind: page.afterID)"
        if let user { query = "\(query) AND user_id = \(bind: user.rawValue)" }
        if let status { query = "\(query) AND status = \(bind: status.rawValue)" }
        return try await orders(from: try await tx.all("\(query) ORDER BY id LIMIT \(bind: page.rowsToRead)"))
    }

    /// Locks the order's row until the transaction ends (PostgreSQL; SQLite's write transaction already holds
    /// the database), so that concurrent payments of one order queue here and each sees the one before it:
    /// a repeated idempotency key then finds the first payment instead of losing a race further on.
    func lock(_ id: OrderID) async throws {
        guard tx.dialect == .postgres else { return }
        _ = try await tx.all("SELECT id FROM orders WHERE id = \(bind: id.rawValue)\(raw: tx.dialect.lockForUpdate)")
    }

    /// Moves a `PENDING`, unexpired order to `PAID`; false when it is no longer both.
    func markPaid(_ id: OrderID, at now: Timestamp) async throws -> Bool {
        try await tx.first(
            """
            UPDATE orders SET status = 'PAID', paid_at = \(bind: now.rawValue)
            WHERE id = \(bind: id.rawValue) AND status = 'PENDING' AND expires_at > \(bind: now.rawValue)
            RETURNING id
            """) != nil
    }

    /// The ids of `PENDING` orders due at `now`, oldest deadline first (served by the status/expiry index).
    func dueForExpiry(at now: Timestamp, limit: Int) async throws -> [OrderID] {
        try await tx.all(
            """
            SELECT id FROM orders WHERE status = 'PENDING' AND expires_at <= \(bind: now.rawValue)
            ORDER BY expires_at, id LIMIT \(bind: limit)
            """
        ).map { OrderID(rawValue: try $0.decode(column: "id", as: Int64.self)) }
    }

    /// Moves those of `ids` that are still `PENDING` and due to `EXPIRED`; returns the ones it moved.
    func expire(_ ids: [OrderID], at now: Timestamp) async throws -> [OrderID] {
        guard !ids.isEmpty else { return [] }
        return try await tx.all(
            """
            UPDATE orders SET status = 'EXPIRED'
            WHERE id IN (\(bind: ids.map(\.rawValue))) AND status = 'PENDING' AND expires_at <= \(bind: now.rawValue)
            RETURNING id
            """
        ).map { OrderID(rawValue: try $0.decode(column: "id", as: Int64.self)) }.sorted()
    }

    /// The earliest deadline among `PENDING` orders.
    func earliestPendingExpiry() async throws -> Timestamp? {
        try await tx.first("SELECT MIN(expires_at) AS due FROM orders WHERE status = 'PENDING'")?
            .decode(column: "due", as: Int64?.self).map(Timestamp.init(rawValue:))
    }

    private func orders(from rows: [SQLRow]) async throws -> [Order] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        var lines: [Int64: [OrderLine]] = [:]
        for row in try await tx.all(
            """
            SELECT order_id, product_id, quantity, unit_price FROM order_lines
            WHERE order_id IN (\(bind: ids)) ORDER BY product_id
            """)
        {
            lines[try row.decode(column: "order_id", as: Int64.self), default: []].append(
                OrderLine(
                    productId: ProductID(rawValue: try row.decode(column: "product_id", as: Int64.self)),
                    quantity: try row.decode(column: "quantity", as: Int64.self),
                    unitPrice: Money(won: try row.decode(column: "unit_price", as: Int64.self))))
        }
        return try rows.map { row in try Self.order(row, lines: lines[try row.decode(column: "id", as: Int64.self)] ?? []) }
    }

    /// A stored status the code does not know is corrupt data: an error, never a guess.
    static func status(_ row: SQLRow) throws -> OrderStatus {
        let text = try row.decode(column: "status", as: String.self)
        guard let status = OrderStatus(rawValue: text) else {
            throw DatabaseError.undecodable(column: "orders.status", reason: "unknown order status '\(text)'")
        }
        return status
    }

    static func order(_ row: SQLRow, lines: [OrderLine]) throws -> Order {
        Order(
            id: OrderID(rawValue: try row.decode(column: "id", as: Int64.self)),
            userId: UserID(rawValue: try row.decode(column: "user_id", as: Int64.self)),
            status: try status(row),
            lines: lines,
            couponId: try row.decode(column: "coupon_id", as: Int64?.self).map(CouponID.init(rawValue:)),
            totalAmount: Money(won: try row.decode(column: "total_amount", as: Int64.self)),
            discountAmount: Money(won: try row.decode(column: "discount_amount", as: Int64.self)),
            payAmount: Money(won: try row.decode(column: "pay_amount", as: Int64.self)),
            createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)),
            expiresAt: Timestamp(rawValue: try row.decode(column: "expires_at", as: Int64.self)),
            paidAt: try row.decode(column: "paid_at", as: Int64?.self).map(Timestamp.init(rawValue:)))
    }
}
