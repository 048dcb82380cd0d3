import Kernel
import Order
import Synchronization
import TestSupport
import Testing

/// Keeps what the sweep reported, in order.
final class SweepLog: ExpiryObserver {
    let lines = Mutex<[String]>([])
    func found(_ due: [OrderID]) { lines.withLock { $0.append("found \(due.map(\.rawValue))") } }
    func expired(_ order: OrderID) { lines.withLock { $0.append("expired \(order)") } }
}

@Suite struct ExpiryAndPaymentSupportTests {
    let clock = SimulatedClock()
    let alice = UserID(rawValue: 1)
    let item = OrderItem(productId: ProductID(rawValue: 1), quantity: 1)

    struct Fixture {
        let database: Database
        let orders: OrderService
        let scheduler: Scheduler
        let sweeps: SweepLog
    }

    func fixture() async throws -> Fixture {
        let database = try await TestDatabase.fresh([CommerceModule(name: "Order", migrations: OrderService.migrations)])
        let sweeps = SweepLog()
        let orders = OrderService(
            database: database, clock: clock, stock: StockTable(products: [ProductID(rawValue: 1): (1_000, 100)]),
            coupons: UnexpectedCoupons(), balances: Balances([alice: 1_000_000]), expiryObserver: sweeps)
        let scheduler = Scheduler(clock: clock)
        for job in orders.module.jobs { try await scheduler.register(job) }
        return Fixture(database: database, orders: orders, scheduler: scheduler, sweeps: sweeps)
    }

    @Test func anOrderIsPendingAt14m59sAndExpiredAt15m() async throws {
        let f = try await fixture()
        let order = try await f.orders.place(user: alice, items: [item])
        _ = try await f.scheduler.advance(by: TimeSpan(parsing: "14m59s"))
        #expect(try await f.orders.order(order.id).status == .pending)
        let runs = try await f.scheduler.advance(by: .seconds(1))
        #expect(runs.flatMap(\.lines) == ["expired order \(order.id)"])
        #expect(runs.first?.at.description == "2026-01-01T09:15:00Z")
        #expect(try await f.orders.order(order.id).status == .expired)
    }

    @Test func theSweepExpiresOnlyDueOrdersAndReportsWhatItFound() async throws {
        let f = try await fixture()
        let early = try await f.orders.place(user: alice, items: [item])
        let alsoEarly = try await f.orders.place(user: alice, items: [item])
        _ = try await f.scheduler.advance(by: .minutes(5))
        let late = try await f.orders.place(user: alice, items: [item])
        let runs = try await f.scheduler.advance(by: .minutes(10))
        #expect(runs.map(\.at.description) == ["2026-01-01T09:15:00Z"])
        #expect(try await f.orders.orders(status: .expired).map(\.id) == [early.id, alsoEarly.id])
        #expect(try await f.orders.order(late.id).status == .pending)
        #expect(
            f.sweeps.lines.withLock { $0 } == ["found [\(early.id), \(alsoEarly.id)]", "expired \(early.id)", "expired \(alsoEarly.id)"])
    }

    @Test func theSweepWorksInBatches() async throws {
        let f = try await fixture()
        for _ in 0..<2_050 { _ = try await f.orders.place(user: alice, items: [item]) }
        let expired = try await f.orders.expireDue(at: try clock.now().adding(seconds: 900))
        #expect(expired.count == 2_050)
        #expect(try await f.orders.orders(status: .pending).isEmpty)
    }

    @Test func confirmPayableGivesTheDocumentedCodes() async throws {
        let f = try await fixture()
        let order = try await f.orders.place(user: alice, items: [item])
        let bob = UserID(rawValue: 2)
        func code(_ id: OrderID, _ user: UserID) async throws -> ErrorCode? {
            try await errorCode { _ = try await f.database.write { tx in try await f.orders.confirmPayable(id, user: user, in: tx) } }
        }
        #expect(try await code(order.id, alice) == nil)
        #expect(try await code(order.id, bob) == .orderNotFound, "another user's order")
        #expect(try await code(OrderID(rawValue: 99), alice) == .orderNotFound)
        let paidAt = try await f.database.write { tx in try await f.orders.complete(order.id, in: tx) }
        #expect(try await f.orders.order(order.id).paidAt == paidAt)
        #expect(try await f.orders.order(order.id).status == .paid)
        #expect(try await code(order.id, alice) == .orderAlreadyPaid)
        #expect(try await code(order.id, bob) == .orderNotFound, "another user's order, whatever its state")
        #expect(
            try await errorCode { _ = try await f.database.write { tx in try await f.orders.complete(order.id, in: tx) } }
                == .orderAlreadyPaid)
    }

    @Test func anOrderAtItsDeadlineCannotBePaidEvenBeforeTheJobRuns() async throws {
        let f = try await fixture()
        let order = try await f.orders.place(user: alice, items: [item])
        // Move the clock without running jobs: a scheduler with no jobs.
        _ = try await Scheduler(clock: clock).advance(by: .minutes(15))
        #expect(try await f.orders.order(order.id).status == .pending)
        #expect(
            try await errorCode {
                _ = try await f.database.write { tx in try await f.orders.confirmPayable(order.id, user: alice, in: tx) }
            } == .orderExpired)
        #expect(
            try await errorCode { _ = try await f.database.write { tx in try await f.orders.complete(order.id, in: tx) } } == .orderExpired)
        _ = try await f.orders.expireDue(at: clock.now())
        #expect(
            try await errorCode {
                _ = try await f.database.write { tx in try await f.orders.confirmPayable(order.id, user: alice, in: tx) }
            } == .orderExpired)
    }
}
