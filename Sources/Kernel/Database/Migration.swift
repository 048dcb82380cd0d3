import SQLKit

/// One schema change of one context, applied once per database.
public struct Migration: Sendable {
    /// A name unique across the system, conventionally `context.NNN-what`, such as `product.001-create`.
    public let id: String
    /// The change. It runs in a write transaction together with the record that it was applied.
    public let apply: @Sendable (Transaction) async throws -> Void

    /// A schema change.
    public init(id: String, apply: @escaping @Sendable (Transaction) async throws -> Void) {
        self.id = id
        self.apply = apply
    }

    /// A schema change made of plain SQL statements, which must be portable (SQLite and PostgreSQL).
    public init(id: String, statements: [String]) {
        self.init(id: id) { tx in
            for statement in statements { try await tx.sql.raw(SQLQueryString(statement)).run() }
        }
    }
}

/// Applies migrations that a database has not seen yet, and records each in `commerce_migrations`.
/// Running it again changes nothing.
public struct Migrator: Sendable {
    private let database: Database

    /// A migrator for `database`.
    public init(database: Database) { self.database = database }

    /// Applies the migrations of `modules`, in order, skipping those already applied. Returns the ids applied.
    @discardableResult
    public func migrate(_ modules: [CommerceModule]) async throws -> [String] {
        try await migrate(modules.flatMap(\.migrations))
    }

    /// Applies `migrations` in order, skipping those already applied. Returns the ids applied.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [String] {
        try await database.write { tx in
            try await tx.sql.raw("""
                CREATE TABLE IF NOT EXISTS commerce_migrations (
                    id VARCHAR(200) PRIMARY KEY)
                """).run()
        }
        var applied: [String] = []
        for migration in migrations {
            let didApply = try await database.write { tx -> Bool in
                let seen = try await tx.sql.raw("SELECT id FROM commerce_migrations WHERE id = \(bind: migration.id)")
                    .first()
                guard seen == nil else { return false }
                try await migration.apply(tx)
                try await tx.sql.raw("""
                    INSERT INTO commerce_migrations (id) VALUES (\(bind: migration.id))
                    """).run()
                return true
            }
            if didApply { applied.append(migration.id) }
        }
        return applied
    }
}
