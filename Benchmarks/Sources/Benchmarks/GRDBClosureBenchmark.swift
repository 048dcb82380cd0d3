import Foundation
import GRDB
import Kernel

/// Design (b) of docs/decisions/0001-storage.md, measured and not adopted: the pay statements inside GRDB's
/// synchronous `write` closure (its own serial queue, statements cached), on a file the application seeded.
/// What it costs: a synchronous store API, which PostgreSQL cannot serve without blocking a thread per
/// transaction.
enum GRDBClosureBenchmark {
    static func pay(n: Int) async throws -> Double {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        try await UseCaseBenchmarks.seedFile(path, n: n, orders: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let now = SimulatedClock.defaultStart.rawValue
        let elapsed = try await seconds {
            for index in 1...n {
                let id = Int64(index)
                try queue.write { db in
                    _ = try Row.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT o.*, l.product_id, l.quantity, l.unit_price FROM orders o
                                LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = ? ORDER BY l.product_id
                                """), arguments: [id])
                    _ = try Row.fetchAll(
                        db.cachedStatement(sql: "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ? RETURNING id"),
                        arguments: [1, id, 1])
                    _ = try Row.fetchAll(
                        db.cachedStatement(
                            sql: "UPDATE point_balances SET balance = balance - ? WHERE user_id = ? AND balance >= ? RETURNING balance"),
                        arguments: [1000, id, 1000])
                    try db.cachedStatement(
                        sql:
                            "INSERT INTO point_entries (user_id, kind, amount, balance_after, order_id, created_at) VALUES (?, 'USE', 1000, 99000, ?, ?)"
                    ).execute(arguments: [id, id, now])
                    _ = try Row.fetchAll(
                        db.cachedStatement(
                            sql:
                                "UPDATE orders SET status = 'PAID', paid_at = ? WHERE id = ? AND status = 'PENDING' AND expires_at > ? RETURNING id"
                        ), arguments: [now, id, now])
                    _ = try Row.fetchAll(
                        db.cachedStatement(
                            sql:
                                "INSERT INTO payments (order_id, user_id, amount, created_at, idempotency_key) VALUES (?, ?, 1000, ?, NULL) RETURNING id"
                        ), arguments: [id, id, now])
                    try db.cachedStatement(
                        sql:
                            "INSERT INTO dataplatform_outbox (event_id, kind, payload, created_at, attempts, next_attempt_at) VALUES (?, 'ORDER_PAID', '{}', ?, 0, ?)"
                    ).execute(arguments: ["order-\(index)-paid", now, now + 30])
                }
                try queue.write { db in
                    try db.cachedStatement(
                        sql:
                            "UPDATE dataplatform_outbox SET delivered_at = ?, next_attempt_at = NULL, attempts = attempts + 1, last_error = NULL WHERE event_id = ? AND delivered_at IS NULL"
                    ).execute(arguments: [now, "order-\(index)-paid"])
                }
            }
        }
        try queue.close()
        return Double(n) / elapsed
    }
}
