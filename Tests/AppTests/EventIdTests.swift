import App
import DataPlatform
import Foundation
import Kernel
import Order
import Product
import TestSupport
import Testing

/// Event ids are unique per payment forever, even across a crash that loses acknowledged transactions.
@Suite struct EventIdTests {
    /// A power loss under WAL with `synchronous=NORMAL` may roll back the last committed transactions: the file
    /// is copied before a payment and put back after it, as such a crash would leave it. The same order is then
    /// paid again, a different, real payment that reuses the lost one's numbers. A receiver deduplicating by event
    /// id must see it as new: with ids derived from the order (`order-1-paid`) it dropped it.
    @Test(.enabled(if: TestEngine.current == .sqlite, "restores a SQLite file to the state a power loss leaves"))
    func aPaymentLostInACrashDoesNotLendItsEventIdToTheNextOne() async throws {
        let path = TestDatabase.temporaryPath()
        let snapshot = path + ".before-payment"
        defer { for file in [path, snapshot] { TestDatabase.remove(file) } }
        let receiver = InMemoryDataPlatform()  // outlives both runs, as a real receiver does
        func start() async throws -> CommerceApp {
            try await CommerceApp.start(AppConfiguration(database: .file(path), dataPlatform: .client(receiver)))
        }

        let first = try await start()
        let pen = try await first.products.add(name: "Pen", price: Money(won: 1_000), stock: 5)
        _ = try await first.points.charge(UserID(rawValue: 1), amount: Money(won: 10_000))
        let order = try await first.placeOrder(user: UserID(rawValue: 1), items: [OrderItem(productId: pen.id, quantity: 1)], coupon: nil)
        try await first.close()
        try copyDatabase(from: path, to: snapshot)

        let beforeCrash = try await start()
        let lost = try await beforeCrash.pay(order: order.id, user: UserID(rawValue: 1), idempotencyKey: nil)
        try await beforeCrash.close()
        #expect(lost.deliveredToDataPlatform)
        TestDatabase.remove(path)
        try copyDatabase(from: snapshot, to: path)  // the power loss took the payment

        let afterCrash = try await start()
        let real = try await afterCrash.pay(order: order.id, user: UserID(rawValue: 1), idempotencyKey: nil)
        try await afterCrash.close()
        #expect(real.payment.id == lost.payment.id, "the crash handed the payment's number out again")
        #expect(receiver.received.count == 2, "the receiver kept the real payment's event: its id is new")
        #expect(Set(receiver.received.map(\.eventId)).count == 2)
    }

    /// Copies a closed SQLite database with whatever WAL it left.
    func copyDatabase(from source: String, to target: String) throws {
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
        }
    }

    @Test func eventIdsAreRandomUUIDsWhenAReceiverOutlivesTheProcess() async throws {
        let shop = try await Shop.start()
        let pen = try await shop.product("Pen", price: 1_000)
        try await shop.charge(1, 10_000)
        for _ in 0..<3 { try await shop.pay(try await shop.order(1, pen)) }
        let ids = shop.recorder.received.map(\.eventId)
        #expect(ids.count == 3)
        #expect(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
    }
}
