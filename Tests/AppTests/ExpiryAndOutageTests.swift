import App
import Kernel
import Order
import TestSupport
import Testing

@Suite struct ExpiryAndOutageTests {
    @Test func anUnpaidOrderIsPendingAt14m59sAndExpiredAt15m() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, keyboard)
        _ = try await shop.advance("14m59s")
        #expect(try await shop.status(order) == .pending)
        shop.traceFromHere()
        let runs = try await shop.advance("1s")
        #expect(runs.flatMap(\.lines) == ["expired order \(order.id)"])
        #expect(try await shop.status(order) == .expired)
        #expect(shop.trace == (try SeedDiagram.all()[2].happyPath), "the seed's scheduler diagram")
        #expect(try await errorCode { try await shop.pay(order) } == .orderExpired)
        #expect(try await shop.balance(1) == 100_000)
        #expect(try await shop.stock(keyboard) == 10)
    }

    @Test func anOrderPastItsDeadlineCannotBePaidBeforeTheJobRuns() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        // Placed at 09:00:30: due at 09:15:30, the job runs at 09:16:00.
        _ = try await shop.advance("30s")
        let order = try await shop.order(1, keyboard)
        _ = try await shop.advance("15m")
        #expect(try await shop.status(order) == .pending)
        #expect(try await errorCode { try await shop.pay(order) } == .orderExpired)
        _ = try await shop.advance("30s")
        #expect(try await shop.status(order) == .expired)
    }

    @Test func aPaidOrderNeverExpires() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, keyboard)
        try await shop.pay(order)
        _ = try await shop.advance("1h")
        #expect(try await shop.status(order) == .paid)
    }

    @Test func duringAnOutagePaymentsSucceedAndEveryEventIsDeliveredOnceAfterIt() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 500_000)
        shop.recorder.set(up: false)
        shop.traceFromHere()
        for _ in 0..<3 {
            let receipt = try await shop.pay(try await shop.order(1, keyboard))
            #expect(!receipt.deliveredToDataPlatform)
        }
        #expect(shop.trace.contains("DataPlatForm-->>Payment: 전송 실패 (재전송 대기)"))
        #expect(shop.trace.last == "Payment-->>User: 결제 성공")
        #expect(try await shop.app.orders.orders(status: .paid).count == 3)
        _ = try await shop.advance("5m")
        #expect(try await shop.outbox() == .init(pending: 3, delivered: 0, failing: 3))
        #expect(shop.recorder.received.isEmpty)
        shop.recorder.set(up: true)
        _ = try await shop.advance("2m")
        #expect(try await shop.outbox() == .init(pending: 0, delivered: 3))
        #expect(shop.recorder.received.count == 3)
        #expect(shop.recorder.deliveryCount == 3, "each delivered once")
    }

    @Test func theJobsAreRegisteredFromTheModuleList() async throws {
        let shop = try await Shop.start()
        let jobs = await shop.app.scheduler.status()
        #expect(jobs.map(\.name) == ["order-expiry", "outbox-relay"])
        #expect(jobs.map(\.interval) == [.minutes(1), .seconds(10)])
        #expect(shop.app.modules.map(\.name) == ["Product", "Coupon", "Point", "Order", "Payment", "DataPlatForm"])
    }
}
