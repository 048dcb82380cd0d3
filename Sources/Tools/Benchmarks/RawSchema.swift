import App
import Foundation
import Kernel
import Order
import SQLiteNIO

/// Builds the raw ceiling's in-memory database: the application creates and seeds a file, and this copies
/// its schema and rows into a private `:memory:` connection (SQLite-specific, and only for benchmarks).
enum RawSchema {
    static func create(on connection: SQLiteConnection, n: Int, orders: Bool = true) async throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let app = try await CommerceApp.start(AppConfiguration(storage: .file(path: path)))
        for index in 1...n {
            let product = try await app.products.add(name: "Product \(index)", price: Money(won: 1_000), stock: 1_000_000)
            _ = try await app.points.charge(UserID(rawValue: Int64(index)), amount: Money(won: 100_000))
            if orders {
                _ = try await app.orders.place(user: UserID(rawValue: Int64(index)), items: [OrderItem(productId: product.id, quantity: 1)])
            }
        }
        try await app.close()
        _ = try await connection.query("ATTACH DATABASE ?1 AS source", [.text(path)])
        let objects = try await connection.query(
            "SELECT type, name, sql FROM source.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC")
        for object in objects {
            guard let sql = object.column("sql")?.string else { continue }
            _ = try await connection.query(sql)
        }
        for table in objects where table.column("type")?.string == "table" {
            guard let name = table.column("name")?.string else { continue }
            _ = try await connection.query("INSERT INTO main.\"\(name)\" SELECT * FROM source.\"\(name)\"")
        }
        _ = try await connection.query("DETACH DATABASE source")
    }
}
