/// One schema change of one context, applied once per database.
public struct Migration: Sendable {
    /// A name unique across the system, conventionally `context.NNN-what`, such as `product.001-create`.
    public let id: String
    /// The change. It runs in the migrator's write transaction together with the record that it was applied.
    public let apply: @Sendable (Transaction) async throws -> Void

    public init(id: String, apply: @escaping @Sendable (Transaction) async throws -> Void) {
        self.id = id
        self.apply = apply
    }

    /// A schema change made of portable SQL statements, the same on every engine.
    public init(id: String, statements: [SQL]) {
        self.init(id: id) { _ in statements }
    }

    /// A schema change made of SQL statements built for the transaction's dialect (``SQLDialect``).
    public init(id: String, statements: @escaping @Sendable (SQLDialect) -> [SQL]) {
        self.init(id: id) { tx in
            for statement in statements(tx.dialect) { try await tx.execute(statement) }
        }
    }
}

/// Applies migrations that a database has not seen yet, and records each in `commerce_migrations`.
/// Running it again changes nothing, and several instances starting at the same moment are safe: all of it is
/// one transaction, which first takes the engine's migration lock (an advisory lock on PostgreSQL; SQLite's
/// `BEGIN IMMEDIATE` already excludes other writers), so the second instance waits and then finds nothing to do.
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
        let lock = database.engine.migrationLockStatement
        return try await database.migration { tx in
            if let lock { try await tx.execute(lock) }
            try await tx.execute("CREATE TABLE IF NOT EXISTS commerce_migrations (id VARCHAR(200) PRIMARY KEY)")
            let seen = Set(try await tx.all("SELECT id FROM commerce_migrations").map { try $0.decode(column: "id", as: String.self) })
            var applied: [String] = []
            for migration in migrations where !seen.contains(migration.id) {
                try await migration.apply(tx)
                try await tx.execute("INSERT INTO commerce_migrations (id) VALUES (\(bind: migration.id))")
                applied.append(migration.id)
            }
            return applied
        }
    }

    /// True when every one of `migrations` has been applied (for a readiness check).
    public func isUpToDate(_ migrations: [Migration]) async throws -> Bool {
        try await database.read { tx in
            let seen = Set(try await tx.all("SELECT id FROM commerce_migrations").map { try $0.decode(column: "id", as: String.self) })
            return migrations.allSatisfy { seen.contains($0.id) }
        }
    }
}
