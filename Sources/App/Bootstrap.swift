import Coupon
import DataPlatform
import Kernel
import Logging
import Order
import Payment
import Point
import Product

/// The one composition root: reading this file top to bottom shows every store, service, adapter and job of
/// the running system. The console and the HTTP server start one of these and call its services.
public final class CommerceApp: Sendable {
    /// What the system was built from.
    public let configuration: AppConfiguration
    /// The database every context's store uses.
    public let database: Database
    /// The clock every service reads.
    public let clock: any Clock
    /// The same clock when it is simulated (nil with the system clock).
    public let simulatedClock: SimulatedClock?
    /// Runs the expiry and relay jobs.
    public let scheduler: Scheduler
    /// Records the cross-context messages (switched off until someone asks: `trace on`).
    public let tracer: TraceRecorder
    /// The in-memory data platform, when configured, so the console can switch it down and up.
    public let dataPlatformRecorder: InMemoryDataPlatform?
    /// Whichever client delivers the events, released at ``close()``.
    private let dataPlatformClient: any DataPlatformClient

    /// The contexts' public doors.
    public let products: ProductCatalog
    /// Coupon policies and issued coupons.
    public let coupons: CouponService
    public let points: PointService
    /// Orders, to read and sweep. Placing one has one door, ``placeOrder(user:items:coupon:)``, which draws the
    /// seed's `User->>Order` arrows and counts the use case.
    public let orders: OrderReads
    /// Payments, to read. Paying has one door, ``pay(order:user:idempotencyKey:)``.
    public let payments: PaymentReads
    /// The Order and Payment contexts' services, behind the doors above.
    let orderService: OrderService
    let paymentService: PaymentService
    /// The outbox for the data platform.
    public let dataPlatform: DataPlatformService
    /// Every context, as it plugs in: the one list of modules.
    public let modules: [CommerceModule]
    /// Every error code the system can answer with: Kernel's and each context's.
    public var errorCodes: [ErrorCode] { [.invalidArgument] + modules.flatMap(\.errorCodes) }
    /// What the system counts, when configured with a metrics factory.
    public let metrics: CommerceMetrics?

    /// Builds and starts the system: opens the database, applies every context's migrations, wires the
    /// services through their ports, and registers every context's jobs on the scheduler.
    public static func start(_ configuration: AppConfiguration = AppConfiguration()) async throws -> CommerceApp {
        do {
            try configuration.relayPolicy.validate()
            let metrics = configuration.metrics.map(CommerceMetrics.init(factory:))
            let database = try await configuration.database.open(
                observer: metrics, logger: Logger(label: "commerce.database"), faults: configuration.faults)
            do {
                return try await CommerceApp(configuration: configuration, database: database, metrics: metrics)
            } catch {
                try? await database.close()
                throw error
            }
        } catch {
            // The caller handed over its client; a system that did not start releases it all the same.
            if case .client(let client) = configuration.dataPlatform { await client.shutdown() }
            throw error
        }
    }

    private init(configuration: AppConfiguration, database: Database, metrics: CommerceMetrics?) async throws {
        self.configuration = configuration
        self.database = database
        self.metrics = metrics

        // Time.
        let simulatedClock: SimulatedClock?
        switch configuration.clock {
        case .system: simulatedClock = nil
        case .simulated(let start): simulatedClock = SimulatedClock(start: start)
        }
        let clock: any Clock = simulatedClock ?? SystemClock()
        self.simulatedClock = simulatedClock
        self.clock = clock
        self.scheduler = Scheduler(clock: clock)
        let tracer = TraceRecorder()
        self.tracer = tracer

        // The external data platform.
        let client: any DataPlatformClient
        switch configuration.dataPlatform {
        case .inMemory:
            let recorder = InMemoryDataPlatform()
            dataPlatformRecorder = recorder
            client = recorder
        case .jsonLines(let path):
            dataPlatformRecorder = nil
            client = JSONLinesDataPlatform(path: path)
        case .client(let custom):
            dataPlatformRecorder = nil
            client = custom
        }

        dataPlatformClient = client

        // The contexts that need no other.
        products = ProductCatalog(database: database)
        coupons = CouponService(database: database, clock: clock)
        points = PointService(database: database, clock: clock, rules: configuration.pointRules)
        dataPlatform = DataPlatformService(database: database, clock: clock, client: client, policy: configuration.relayPolicy)

        // Order, through its ports onto Product, Coupon and Point.
        let orderService = OrderService(
            database: database, clock: clock, timeToLive: configuration.orderTimeToLive,
            stock: StockCheckerAdapter(catalog: products, tracer: tracer),
            coupons: CouponValidatorAdapter(coupons: coupons, tracer: tracer),
            balances: BalanceCheckerAdapter(points: points, tracer: tracer),
            expiryObserver: ExpiryTrace(tracer: tracer))

        // Payment, through its ports onto Order, Product, Coupon, Point and DataPlatform.
        self.orderService = orderService
        orders = OrderReads(service: orderService)
        let bugs = configuration.plantedBugs
        let stock: any StockDeductor = StockDeductorAdapter(catalog: products, tracer: tracer)
        let redeemer: any CouponRedeemer = CouponRedeemerAdapter(coupons: coupons, tracer: tracer)
        let ledger: any PointLedger = PointLedgerAdapter(points: points, tracer: tracer)
        let publisher: any PaidOrderPublisher = PaidOrderPublisherAdapter(dataPlatform: dataPlatform, tracer: tracer)
        let paymentService = PaymentService(
            database: database, clock: clock,
            orders: PayableOrdersAdapter(orders: orderService, tracer: tracer),
            stock: bugs.contains(.stockUnchecked) ? UncheckedStockDeductor(base: stock) : stock,
            coupons: bugs.contains(.couponUnchecked) ? UncheckedCouponRedeemer(base: redeemer) : redeemer,
            points: bugs.contains(.pointsUnchecked) ? UncheckedPointLedger(base: ledger) : ledger,
            publisher: bugs.contains(.eventDropped) ? DroppingPublisher() : publisher,
            eventIds: configuration.effectiveEventIds)
        self.paymentService = paymentService
        payments = PaymentReads(service: paymentService)

        // The one list of modules: schema and schedule derive from it.
        modules = [
            ProductCatalog.module, CouponService.module, PointService.module, orderService.module, PaymentService.module,
            dataPlatform.module,
        ]
        try await Migrator(database: database).migrate(modules)
        for job in modules.flatMap(\.jobs) { try await scheduler.register(Self.counted(job, by: metrics)) }
    }

    /// `job`, counting each of its runs.
    private static func counted(_ job: ScheduledJob, by metrics: CommerceMetrics?) -> ScheduledJob {
        guard let metrics else { return job }
        return ScheduledJob(
            name: job.name, interval: job.interval, nextWork: job.nextWork,
            stoppable: { now, stop in
                do {
                    let lines = try await job.run(now, stop)
                    metrics.jobRan(job.name, failed: false)
                    return lines
                } catch {
                    metrics.jobRan(job.name, failed: true)
                    throw error
                }
            })
    }

    /// Releases the data platform's client and closes the database. Stop ``Scheduler/runOnTimers(stop:pause:report:)`` first.
    public func close() async throws {
        await dataPlatformClient.shutdown()
        try await database.close()
    }
}
