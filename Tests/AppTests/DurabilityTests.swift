import App
import Kernel
import TestSupport
import Testing

/// `--durability` reaches each engine's own setting: SQLite's `synchronous`, PostgreSQL's `synchronous_commit`.
@Suite struct DurabilityTests {
    @Test(arguments: [(Durability.normal, "1", "off"), (.full, "2", "on")])
    func theSettingReachesTheEngine(durability: Durability, sqlite: String, postgres: String) async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let base: DatabaseSetting =
            switch TestEngine.current {
            case .sqlite: .file(path)
            case .postgres: .postgres(try await TestDatabase.freshSchema())
            }
        let app = try await CommerceApp.start(AppConfiguration(database: durability.applied(to: base)))
        let value = try await app.database.read { tx -> String? in
            switch tx.dialect {
            case .sqlite: try await tx.first("PRAGMA synchronous").map { String(try $0.decode(column: "synchronous", as: Int64.self)) }
            case .postgres: try await tx.first("SHOW synchronous_commit")?.decode(column: "synchronous_commit", as: String.self)
            }
        }
        #expect(value == (TestEngine.current == .sqlite ? sqlite : postgres))
        try await app.close()
    }

    @Test func unsetEachEngineKeepsItsDefault() {
        guard case .sqlite(let settings) = DatabaseSetting.file("x.sqlite") else { return }
        #expect(settings.synchronous == .normal)
        #expect(PostgresSettings(host: "h", username: "u", database: "d").synchronousCommit == .on)
    }
}
