import Kernel

/// The Coupon context's one public door: policies, issuing, validation and use.
///
/// Methods that take a ``Transaction`` join the caller's transaction; the others run in one of their own.
public struct CouponService: Sendable {
    /// The context's name, which is also its participant in sequence diagrams.
    public static let name = "Coupon"

    let database: Database
    let clock: any Clock

    /// The coupon service over `database`, reading the time from `clock`.
    public init(database: Database, clock: any Clock) {
        self.database = database
        self.clock = clock
    }

    /// How the context plugs into the composition root.
    public static var module: CommerceModule {
        CommerceModule(name: name, migrations: CouponSchema.migrations, errorCodes: errorCodes)
    }
}
