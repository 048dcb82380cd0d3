import App
import Foundation
import Kernel

/// PostgreSQL for the benchmarks: each measurement in a new schema of the server the `--postgres` URL names.
enum PostgresBench {
    static func freshSchema(_ url: String) async throws -> PostgresSettings {
        guard var settings = PostgresSettings(url: url) else { throw BenchmarkFailure("--postgres: not a postgres:// URL") }
        let schema = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = Database(engine: try await PostgresEngine.open(settings))
        try await admin.writeStatement { tx in try await tx.execute(SQL(unsafeRaw: "CREATE SCHEMA \(schema)")) }
        try await admin.close()
        settings.schema = schema
        return settings
    }
}
