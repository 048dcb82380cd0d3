import Kernel

/// The Point context's one public door: balances, charges, deductions and their ledger.
///
/// Methods that take a ``Transaction`` join the caller's transaction; the others run in one of their own.
public struct PointService: Sendable {
    /// The context's name, which is also its participant in sequence diagrams.
    public static let name = "Point"

    let database: Database
    let clock: any Clock
    let rules: PointRules

    /// The point service over `database`, with `rules` for charging.
    public init(database: Database, clock: any Clock, rules: PointRules = PointRules()) {
        self.database = database
        self.clock = clock
        self.rules = rules
    }

    /// How the context plugs into the composition root.
    public static var module: CommerceModule {
        CommerceModule(name: name, migrations: PointSchema.migrations, errorCodes: errorCodes)
    }
}
