import App
import Foundation
import Kernel

/// The expiry sweep: `total` orders of which `due` are past their deadline. Its cost should follow `due`.
public enum SweepBenchmark {
    public static func run(total: Int, dueCounts: [Int]) async throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for due in dueCounts {
            let path = temporaryDatabase()
            defer { removeDatabase(path) }
            let app = try await CommerceApp.start(AppConfiguration(database: .file(path)))
            let now = app.clock.now().rawValue
            // Seeded in bulk with a recursive CTE (benchmark-only SQL): `due` orders expired a minute ago, the
            // rest due in an hour.
            try await app.database.write { tx in
                try await tx.execute(
                    """
                    WITH RECURSIVE sequence(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM sequence WHERE n < \(bind: total))
                    INSERT INTO orders (user_id, status, total_amount, discount_amount, pay_amount, created_at, expires_at)
                    SELECT 1 + n % 1000, 'PENDING', 1000, 0, 1000, \(bind: now - 960),
                        CASE WHEN n % \(bind: max(1, total / max(1, due))) = 0 AND n <= \(bind: due) * \(bind: max(1, total / max(1, due)))
                             THEN \(bind: now - 60) ELSE \(bind: now + 3600) END
                    FROM sequence
                    """)
            }
            let seeded = try await app.database.read { tx in
                try await tx.first("SELECT COUNT(*) AS c FROM orders WHERE expires_at <= \(bind: now)")?.decode(column: "c", as: Int.self)
                    ?? 0
            }
            var expired = 0
            let elapsed = try await seconds { expired = try await app.orders.expireDue(at: app.clock.now()).count }
            try await app.close()
            guard expired == seeded else { throw BenchmarkFailure("the sweep expired \(expired) of \(seeded) due orders") }
            rows += [
                BenchRow("sweep", "\(due) due of \(total)", elapsed * 1000, "ms"),
                BenchRow("sweep", "\(due) due of \(total) rate", Double(due) / elapsed, "orders/s"),
            ]
        }
        return rows
    }
}

/// A benchmark whose own check failed: its figures would mean nothing.
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
