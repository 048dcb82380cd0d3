import App
import CSQLiteCeiling
import Foundation
import Kernel
import Order
import SQLiteNIO

/// The pay and place-order use cases against the same statements issued raw through the same driver
/// (sqlite-nio) on one connection with no application code: the ceiling the use cases are measured against.
public enum UseCaseBenchmarks {
    /// `pay/disk`, `pay/memory`, `place/disk`, `place/memory`: the use case, the C ceiling (the same statements
    /// through the SQLite C API, prepared once), the old driver-level figure (the statements raw through
    /// sqlite-nio), and use case / C ceiling. With `postgres`, the use cases on PostgreSQL too.
    public static func run(n: Int, postgres: String? = nil) async throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for onDisk in [true, false] {
            let kind = onDisk ? "disk" : "memory"
            let place = try await placeUseCase(n: n, on: onDisk ? .disk : .memory)
            let placeC = try await cCeiling(n: n, onDisk: onDisk, pay: false)
            let placeRaw = try await placeRaw(n: n, onDisk: onDisk)
            rows += [
                BenchRow("place/\(kind)", "use case", place, "orders/s"), BenchRow("place/\(kind)", "C ceiling", placeC, "orders/s"),
                BenchRow("place/\(kind)", "sqlite-nio raw (old ceiling)", placeRaw, "orders/s"),
                BenchRow("place/\(kind)", "use case / C ceiling", place / placeC, "ratio"),
            ]
            // Alternated three times, medians reported: the machine's own noise (10-20 %) is larger than the
            // differences worth seeing, and alternating exposes both to the same phases of it.
            var pays: [Double] = []
            var ceilings: [Double] = []
            for _ in 0..<3 {
                pays.append(try await payUseCase(n: n, on: onDisk ? .disk : .memory, callers: 1).perSecond)
                ceilings.append(try await cCeiling(n: n, onDisk: onDisk, pay: true))
            }
            let pay = median(pays)
            let payC = median(ceilings)
            let payRaw = try await payRaw(n: n, onDisk: onDisk)
            if onDisk {
                rows.append(BenchRow("pay/disk", "GRDB write closure (design b)", try await GRDBClosureBenchmark.pay(n: n), "pays/s"))
            }
            rows += [
                BenchRow("pay/\(kind)", "use case (median of 3)", pay, "pays/s"),
                BenchRow("pay/\(kind)", "C ceiling (median of 3)", payC, "pays/s"),
                BenchRow("pay/\(kind)", "sqlite-nio raw (old ceiling)", payRaw, "pays/s"),
                BenchRow("pay/\(kind)", "use case / C ceiling", pay / payC, "ratio"),
            ]
        }
        if let postgres {
            let place = try await placeUseCase(n: n, on: .postgres(postgres))
            let pay = try await payUseCase(n: n, on: .postgres(postgres), callers: 1).perSecond
            let pay8 = try await payUseCase(n: n, on: .postgres(postgres), callers: 8).perSecond
            rows += [
                BenchRow("place/postgres", "use case", place, "orders/s"), BenchRow("pay/postgres", "use case", pay, "pays/s"),
                BenchRow("pay/postgres", "use case, 8 callers", pay8, "pays/s"),
            ]
        }
        return rows
    }

    /// Where a benchmark's system runs.
    enum Target {
        case disk
        /// A disk file with `synchronous=FULL` (`--durability full`).
        case diskFull
        case memory
        case postgres(String)
    }

    /// The cost of `--durability full` on a SQLite file: the pay use case and its C ceiling at NORMAL and FULL.
    public static func durability(n: Int) async throws -> [BenchRow] {
        let normal = try await payUseCase(n: n, on: .disk, callers: 1).perSecond
        let full = try await payUseCase(n: n, on: .diskFull, callers: 1).perSecond
        let normalC = try await cCeiling(n: n, onDisk: true, pay: true)
        let fullC = try await cCeiling(n: n, onDisk: true, pay: true, synchronous: "FULL")
        return [
            BenchRow("durability", "pay use case, normal", normal, "pays/s"), BenchRow("durability", "pay use case, full", full, "pays/s"),
            BenchRow("durability", "full / normal, use case", full / normal, "ratio"),
            BenchRow("durability", "C ceiling, normal", normalC, "pays/s"), BenchRow("durability", "C ceiling, full", fullC, "pays/s"),
            BenchRow("durability", "full / normal, C", fullC / normalC, "ratio"),
        ]
    }

    /// The C ceiling on a file the application seeded (copied into memory for the in-memory figure).
    static func cCeiling(n: Int, onDisk: Bool, pay: Bool, synchronous: String = "NORMAL") async throws -> Double {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        try await seedFile(path, n: n, orders: pay)
        var error = [CChar](repeating: 0, count: 512)
        let target = onDisk ? path : "memory:" + path
        let now = SimulatedClock.defaultStart.rawValue
        let elapsed =
            pay
            ? commerce_pay_ceiling(target, Int32(n), now, synchronous, &error, Int32(error.count))
            : commerce_place_ceiling(target, Int32(n), now, synchronous, &error, Int32(error.count))
        guard elapsed > 0 else {
            throw BenchmarkFailure("C ceiling: \(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        return Double(n) / elapsed
    }

    /// Only the pay use case on a disk file and its C ceiling, for profiling (`commerce-bench --part pay`).
    public static func payOnly(n: Int) async throws -> [BenchRow] {
        let (pay, _, perPay) = try await payUseCase(n: n, on: .disk, callers: 1)
        let ceiling = try await cCeiling(n: n, onDisk: true, pay: true)
        return [
            BenchRow("pay/disk", "use case", pay, "pays/s"), BenchRow("pay/disk", "C ceiling", ceiling, "pays/s"),
            BenchRow("pay/disk", "use case / C ceiling", pay / ceiling, "ratio"),
            BenchRow("pay/disk", "context switches per pay", perPay, "switches"),
        ]
    }

    /// Pays with 1, 2, 4 and 8 concurrent callers on a disk file: throughput and latency percentiles.
    public static func concurrency(n: Int) async throws -> [BenchRow] {
        var rows: [BenchRow] = []
        for callers in [1, 2, 4, 8] {
            let result = try await payUseCase(n: n, on: .disk, callers: callers)
            rows += [
                BenchRow("pay/concurrent", "\(callers) callers", result.perSecond, "pays/s"),
                BenchRow("pay/concurrent", "\(callers) callers p50", result.latencies.milliseconds(at: 50), "ms"),
                BenchRow("pay/concurrent", "\(callers) callers p99", result.latencies.milliseconds(at: 99), "ms"),
            ]
        }
        return rows
    }

    /// Seeds `n` products (1,000 won, ample stock), `n` users with 100,000 won each and, optionally, one PENDING
    /// order of one unit per user, through the use cases.
    static func seed(_ app: CommerceApp, n: Int, orders: Bool) async throws -> [Order] {
        var placed: [Order] = []
        for index in 1...n {
            let product = try await app.products.add(name: "Product \(index)", price: Money(won: 1_000), stock: 1_000_000)
            _ = try await app.points.charge(UserID(rawValue: Int64(index)), amount: Money(won: 100_000))
            if orders {
                placed.append(
                    try await app.placeOrder(
                        user: UserID(rawValue: Int64(index)), items: [OrderItem(productId: product.id, quantity: 1)]))
            }
        }
        return placed
    }

    /// A seeded system on a new file, in memory, or in a new PostgreSQL schema, with the file's path.
    static func seeded(n: Int, on target: Target, orders: Bool) async throws -> (CommerceApp, [Order], String?) {
        let path: String?
        let database: DatabaseSetting
        switch target {
        case .disk:
            path = temporaryDatabase()
            database = .file(path!)
        case .diskFull:
            path = temporaryDatabase()
            database = Durability.full.applied(to: .file(path!))
        case .memory:
            path = nil
            database = .memory
        case .postgres(let url):
            path = nil
            database = .postgres(try await PostgresBench.freshSchema(url))
        }
        let app = try await CommerceApp.start(AppConfiguration(database: database))
        return (app, try await seed(app, n: n, orders: orders), path)
    }

    /// Creates the schema and the seed on a file with the application, then closes it: the raw ceilings start
    /// from exactly what the use cases start from.
    static func seedFile(_ path: String, n: Int, orders: Bool) async throws {
        let app = try await CommerceApp.start(AppConfiguration(database: .file(path)))
        _ = try await seed(app, n: n, orders: orders)
        try await app.close()
    }

    /// The pay use case over `n` seeded orders: pays per second, each pay's latency, and the process's context
    /// switches per pay (a thread hand-off costs about two).
    static func payUseCase(
        n: Int, on target: Target, callers: Int
    ) async throws -> (perSecond: Double, latencies: Latencies, switchesPerPay: Double) {
        let (app, orders, path) = try await seeded(n: n, on: target, orders: true)
        defer { path.map(removeDatabase) }
        let latencies = Latencies()
        let switches = contextSwitches()
        let elapsed = try await seconds {
            try await drive(orders.count, callers: callers, latencies: latencies) { index in
                _ = try await app.pay(order: orders[index].id, user: orders[index].userId)
            }
        }
        let switchesPerPay = Double(contextSwitches() - switches) / Double(max(1, orders.count))
        try await app.close()
        return (Double(orders.count) / elapsed, latencies, switchesPerPay)
    }

    static func placeUseCase(n: Int, on target: Target) async throws -> Double {
        let (app, _, path) = try await seeded(n: n, on: target, orders: false)
        defer { path.map(removeDatabase) }
        let elapsed = try await seconds {
            for index in 1...n {
                _ = try await app.placeOrder(
                    user: UserID(rawValue: Int64(index)), items: [OrderItem(productId: ProductID(rawValue: Int64(index)), quantity: 1)])
            }
        }
        try await app.close()
        return Double(n) / elapsed
    }

    /// One raw sqlite-nio connection with the pragmas the application uses (the old driver-level figure).
    static func rawConnection(_ path: String?) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: path.map { .file(path: $0) } ?? .memory)
        if path != nil {
            for pragma in ["PRAGMA busy_timeout = 5000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
                _ = try await connection.query(pragma)
            }
        }
        return connection
    }

    /// The statements of the pay use case, in its order and transactions, issued raw.
    static func payRaw(n: Int, onDisk: Bool) async throws -> Double {
        let path = onDisk ? temporaryDatabase() : nil
        defer { path.map(removeDatabase) }
        let connection: SQLiteConnection
        if let path {
            // The schema and seed come from the application on the same file; the pay itself is raw.
            try await seedFile(path, n: n, orders: true)
            connection = try await rawConnection(path)
        } else {
            connection = try await rawConnection(nil)
            try await RawSchema.create(on: connection, n: n)
        }
        let now = SimulatedClock.defaultStart.rawValue
        let elapsed = try await seconds {
            for index in 1...n {
                let id = SQLiteData.integer(index)
                _ = try await connection.query("BEGIN IMMEDIATE")
                _ = try await connection.query(
                    "SELECT o.*, l.product_id, l.quantity, l.unit_price FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE o.id = ?1 ORDER BY l.product_id",
                    [id])
                _ = try await connection.query(
                    "UPDATE products SET stock = stock - ?1 WHERE id = ?2 AND stock >= ?3 RETURNING id", [.integer(1), id, .integer(1)])
                _ = try await connection.query(
                    "UPDATE point_balances SET balance = balance - ?1 WHERE user_id = ?2 AND balance >= ?3 RETURNING balance",
                    [.integer(1000), id, .integer(1000)])
                _ = try await connection.query(
                    "INSERT INTO point_entries (user_id, kind, amount, balance_after, order_id, created_at) VALUES (?1, 'USE', 1000, 99000, ?2, ?3)",
                    [id, id, .integer(Int(now))])
                _ = try await connection.query(
                    "UPDATE orders SET status = 'PAID', paid_at = ?1 WHERE id = ?2 AND status = 'PENDING' AND expires_at > ?3 RETURNING id",
                    [.integer(Int(now)), id, .integer(Int(now))])
                _ = try await connection.query(
                    "INSERT INTO payments (order_id, user_id, amount, created_at, idempotency_key) VALUES (?1, ?2, 1000, ?3, NULL) RETURNING id",
                    [id, id, .integer(Int(now))])
                _ = try await connection.query(
                    "INSERT INTO dataplatform_outbox (event_id, kind, payload, created_at, attempts, next_attempt_at) VALUES (?1, 'ORDER_PAID', '{}', ?2, 0, ?3)",
                    [.text("order-\(index)-paid"), .integer(Int(now)), .integer(Int(now) + 30)])
                _ = try await connection.query("COMMIT")
                // The delivery right after the commit: one statement records it delivered.
                _ = try await connection.query(
                    "UPDATE dataplatform_outbox SET delivered_at = ?1, next_attempt_at = NULL, attempts = attempts + 1, last_error = NULL WHERE event_id = ?2 AND delivered_at IS NULL",
                    [.integer(Int(now)), .text("order-\(index)-paid")])
            }
        }
        try await connection.close()
        return Double(n) / elapsed
    }

    /// The statements of the place-order use case, in its order and transaction, issued raw.
    static func placeRaw(n: Int, onDisk: Bool) async throws -> Double {
        let path = onDisk ? temporaryDatabase() : nil
        defer { path.map(removeDatabase) }
        let connection: SQLiteConnection
        if let path {
            try await seedFile(path, n: n, orders: false)
            connection = try await rawConnection(path)
        } else {
            connection = try await rawConnection(nil)
            try await RawSchema.create(on: connection, n: n, orders: false)
        }
        let now = Int(SimulatedClock.defaultStart.rawValue)
        let elapsed = try await seconds {
            for index in 1...n {
                let id = SQLiteData.integer(index)
                _ = try await connection.query("BEGIN IMMEDIATE")
                _ = try await connection.query("SELECT id, name, price, stock FROM products WHERE id IN (?1)", [id])
                _ = try await connection.query("SELECT balance FROM point_balances WHERE user_id = ?1", [id])
                let inserted = try await connection.query(
                    "INSERT INTO orders (user_id, status, coupon_id, total_amount, discount_amount, pay_amount, created_at, expires_at) VALUES (?1, 'PENDING', NULL, 1000, 0, 1000, ?2, ?3) RETURNING id",
                    [id, .integer(now), .integer(now + 900)])
                let order = inserted.first?.column("id") ?? .null
                _ = try await connection.query(
                    "INSERT INTO order_lines (order_id, product_id, quantity, unit_price) VALUES (?1, ?2, 1, 1000)", [order, id])
                _ = try await connection.query("COMMIT")
            }
        }
        try await connection.close()
        return Double(n) / elapsed
    }
}
