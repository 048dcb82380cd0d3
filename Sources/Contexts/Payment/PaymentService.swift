import Kernel

/// The Payment context's one public door: paying an order, and showing payments.
public struct PaymentService: Sendable {
    /// The context's name, which is also its participant in sequence diagrams.
    public static let name = "Payment"

    let database: Database
    let clock: any Clock
    let orders: any PayableOrders
    let stock: any StockDeductor
    let coupons: any CouponRedeemer
    let points: any PointLedger
    let publisher: any PaidOrderPublisher
    /// The ids of paid orders' events: unique forever, since receivers deduplicate by them.
    let eventIds: UniqueNames

    /// The payment service, reaching the other contexts through its ports.
    public init(
        database: Database, clock: any Clock, orders: any PayableOrders, stock: any StockDeductor,
        coupons: any CouponRedeemer, points: any PointLedger, publisher: any PaidOrderPublisher,
        eventIds: UniqueNames = .random
    ) {
        self.eventIds = eventIds
        self.database = database
        self.clock = clock
        self.orders = orders
        self.stock = stock
        self.coupons = coupons
        self.points = points
        self.publisher = publisher
    }

    /// How the context plugs into the composition root.
    public static var module: CommerceModule {
        CommerceModule(name: name, migrations: PaymentSchema.migrations, errorCodes: errorCodes)
    }
}
