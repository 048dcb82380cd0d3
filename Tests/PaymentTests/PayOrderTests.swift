import Kernel
import Payment
import TestSupport
import Testing

@Suite struct PayOrderTests {
    let alice = UserID(rawValue: 1)
    let orderId = OrderID(rawValue: 5)

    func order(coupon: CouponID? = nil) -> PayableOrder {
        PayableOrder(
            orderId: orderId, userId: alice,
            lines: [PaymentLine(productId: ProductID(rawValue: 1), quantity: 2, unitPrice: Money(won: 25_000))],
            couponId: coupon, totalAmount: Money(won: 50_000), discountAmount: Money(won: coupon == nil ? 0 : 5_000),
            payAmount: Money(won: coupon == nil ? 50_000 : 45_000))
    }

    func service(_ ports: RecordingPorts) async throws -> (PaymentService, Database) {
        let database = try await TestDatabase.fresh([PaymentService.module, RecordingPorts.sideEffects])
        let service = PaymentService(
            database: database, clock: SimulatedClock(), orders: ports, stock: ports, coupons: ports, points: ports, publisher: ports)
        return (service, database)
    }

    func sideEffects(_ database: Database) async throws -> [String] {
        try await database.read { tx in
            try await tx.all("SELECT step FROM side_effects").map { try $0.decode(column: "step", as: String.self) }
        }
    }

    @Test func followsTheSeedsOrderAndPublishesAfterTheCommit() async throws {
        let ports = RecordingPorts(order: order(coupon: CouponID(rawValue: 3)))
        let (payments, database) = try await service(ports)
        let receipt = try await payments.pay(order: orderId, user: alice)
        #expect(ports.calls == ["confirm", "stock", "coupon", "points", "complete", "record", "publish"])
        #expect(receipt.payment.amount == Money(won: 45_000))
        #expect(receipt.payment.orderId == orderId)
        #expect(receipt.payment.userId == alice)
        #expect(!receipt.isReplay)
        #expect(receipt.deliveredToDataPlatform)
        #expect(try await payments.payment(receipt.payment.id) == receipt.payment)
        #expect(try await sideEffects(database) == ["confirm", "stock", "coupon", "points", "complete", "record"])
    }

    @Test func withoutACouponTheCouponStepIsSkipped() async throws {
        let ports = RecordingPorts(order: order())
        let (payments, _) = try await service(ports)
        _ = try await payments.pay(order: orderId, user: alice)
        #expect(ports.calls == ["confirm", "stock", "points", "complete", "record", "publish"])
    }

    @Test(arguments: [
        ("confirm", ErrorCode.orderExpired), ("stock", .outOfStock), ("coupon", .couponAlreadyUsed), ("points", .insufficientBalance),
        ("complete", .orderExpired),
    ])
    func aFailingStepRollsBackEverythingAndStopsTheFlow(step: String, code: ErrorCode) async throws {
        let ports = RecordingPorts(order: order(coupon: CouponID(rawValue: 3)), failAt: [step: code])
        let (payments, database) = try await service(ports)
        #expect(try await errorCode { _ = try await payments.pay(order: orderId, user: alice) } == code)
        #expect(ports.calls.last == step, "nothing runs after the failing step")
        #expect(!ports.calls.contains("publish"))
        #expect(try await sideEffects(database).isEmpty, "the transaction rolled back every step's writes")
        #expect(try await errorCode { _ = try await payments.payment(PaymentID(rawValue: 1)) } == .paymentNotFound)
    }

    @Test func aPlatformOutageDoesNotFailThePayment() async throws {
        let ports = RecordingPorts(order: order(), failAt: ["publish": .invalidArgument])
        let (payments, _) = try await service(ports)
        let receipt = try await payments.pay(order: orderId, user: alice)
        #expect(!receipt.deliveredToDataPlatform)
        #expect(try await payments.payment(receipt.payment.id) == receipt.payment)
    }

    @Test func theSameKeyReplaysTheFirstPaymentAndMovesNothing() async throws {
        let ports = RecordingPorts(order: order())
        let (payments, _) = try await service(ports)
        let first = try await payments.pay(order: orderId, user: alice, idempotencyKey: "k-1")
        let calls = ports.calls
        let replay = try await payments.pay(order: orderId, user: alice, idempotencyKey: "k-1")
        #expect(replay.payment == first.payment)
        #expect(replay.isReplay)
        #expect(ports.calls == calls, "a replay reaches no other context")
        #expect(
            try await errorCode { _ = try await payments.pay(order: OrderID(rawValue: 6), user: alice, idempotencyKey: "k-1") }
                == .idempotencyKeyReused)
    }

    @Test func aKeyBelongsToOneUser() async throws {
        let bob = UserID(rawValue: 2)
        let ports = RecordingPorts(order: order())
        let (payments, _) = try await service(ports)
        _ = try await payments.pay(order: orderId, user: alice, idempotencyKey: "shared")
        // Bob's request with the same key is his own, and fails on the order (it is not his).
        #expect(try await errorCode { _ = try await payments.pay(order: orderId, user: bob, idempotencyKey: "shared") } == .orderNotFound)
    }

    @Test func aKeyWhosePaymentFailedIsNotRemembered() async throws {
        let failing = RecordingPorts(order: order(), failAt: ["points": .insufficientBalance])
        let database = try await TestDatabase.fresh([PaymentService.module, RecordingPorts.sideEffects])
        let clock = SimulatedClock()
        let first = PaymentService(
            database: database, clock: clock, orders: failing, stock: failing, coupons: failing, points: failing, publisher: failing)
        #expect(
            try await errorCode { _ = try await first.pay(order: orderId, user: alice, idempotencyKey: "retry") } == .insufficientBalance)
        let working = RecordingPorts(order: order())
        let second = PaymentService(
            database: database, clock: clock, orders: working, stock: working, coupons: working, points: working, publisher: working)
        let receipt = try await second.pay(order: orderId, user: alice, idempotencyKey: "retry")
        #expect(!receipt.isReplay)
    }

    @Test(arguments: ["", String(repeating: "k", count: 201), "two\nlines"])
    func badKeysAreInvalid(key: String) async throws {
        let ports = RecordingPorts(order: order())
        let (payments, _) = try await service(ports)
        #expect(try await errorCode { _ = try await payments.pay(order: orderId, user: alice, idempotencyKey: key) } == .invalidArgument)
        #expect(ports.calls.isEmpty)
    }
}
