import Kernel

/// The Order context's one public door: placing, showing, paying support and expiring orders.
///
/// It reaches the other contexts only through its ports (``StockChecker``, ``CouponValidator``,
/// ``BalanceChecker``), which the composition root supplies.
public struct OrderService: Sendable {
    /// The context's name, which is also its participant in sequence diagrams.
    public static let name = "Order"

    let database: Database
    let clock: any Clock
    let timeToLive: TimeSpan
    let stock: any StockChecker
    let coupons: any CouponValidator
    let balances: any BalanceChecker
    let expiryObserver: any ExpiryObserver

    /// The order service. Orders expire `timeToLive` after they are placed (15 minutes by default); the expiry
    /// job tells `expiryObserver` what it finds and moves.
    public init(
        database: Database, clock: any Clock, timeToLive: TimeSpan = .minutes(15), stock: any StockChecker,
        coupons: any CouponValidator, balances: any BalanceChecker, expiryObserver: any ExpiryObserver = NoExpiryObserver()
    ) {
        self.database = database
        self.clock = clock
        self.timeToLive = timeToLive
        self.stock = stock
        self.coupons = coupons
        self.balances = balances
        self.expiryObserver = expiryObserver
    }

    /// The context's schema changes.
    public static var migrations: [Migration] { OrderSchema.migrations }

    /// How the context plugs into the composition root: its tables and the expiry job (every minute).
    public var module: CommerceModule {
        CommerceModule(name: Self.name, migrations: Self.migrations, jobs: [expiryJob], errorCodes: Self.errorCodes)
    }
}
