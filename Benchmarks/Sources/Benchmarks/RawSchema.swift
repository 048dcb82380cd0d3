import Foundation
import SQLiteNIO

/// Builds the raw ceiling's in-memory database: the application creates and seeds a file, and this copies
/// its schema and rows into a private `:memory:` connection (SQLite-specific, and only for benchmarks).
enum RawSchema {
    static func create(on connection: SQLiteConnection, n: Int, orders: Bool = true) async throws {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        try await UseCaseBenchmarks.seedFile(path, n: n, orders: orders)
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
