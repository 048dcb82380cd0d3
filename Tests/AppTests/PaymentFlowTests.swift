import App
import Coupon
import Kernel
import Order
import Payment
import TestSupport
import Testing

/// Every branch of the seed's payment diagram, with the state afterwards and the trace.
@Suite struct PaymentFlowTests {
    @Test func theHappyPathMovesEverythingOnceAndTellsTheDataPlatform() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product(stock: 2)
        try await shop.charge(1, 100_000)
        let coupon = try await shop.coupon()
        let order = try await shop.order(1, keyboard, coupon: coupon.id)
        shop.traceFromHere()
        let receipt = try await shop.pay(order)
        #expect(receipt.deliveredToDataPlatform)
        #expect(receipt.payment.amount == Money(won: 45_000))
        let paid = try await shop.app.orders.order(order.id)
        #expect(paid.status == .paid)
        #expect(paid.paidAt == shop.app.clock.now())
        #expect(try await shop.stock(keyboard) == 1)
        #expect(try await shop.app.coupons.coupon(coupon.id).status == .used)
        #expect(try await shop.app.coupons.coupon(coupon.id).orderId == order.id)
        #expect(try await shop.balance(1) == 55_000)
        let history = try await shop.app.points.history(of: UserID(rawValue: 1))
        #expect(history.map(\.kind) == [.charge, .use])
        #expect(history.last?.balanceAfter == Money(won: 55_000))
        #expect(try await shop.app.payments.payment(receipt.payment.id) == receipt.payment)
        #expect(try await shop.outbox() == .init(pending: 0, delivered: 1))
        #expect(shop.recorder.received.count == 1)
        #expect(shop.recorder.received.first?.payload.contains("\"payAmount\":45000") == true)
        #expect(shop.trace == (try SeedDiagram.all()[1].happyPath), "the seed's payment diagram, message for message")
    }

    @Test func withoutACouponTheOptionalStepIsSkipped() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, keyboard)
        shop.traceFromHere()
        try await shop.pay(order)
        let expected = try SeedDiagram.all()[1].happyPath.filter { !$0.contains("Coupon") }
        #expect(shop.trace == expected)
    }

    @Test func anUnknownOrderTakesTheSeedsFailureBranch() async throws {
        let shop = try await Shop.start()
        shop.traceFromHere()
        #expect(
            try await errorCode { _ = try await shop.app.pay(order: OrderID(rawValue: 42), user: UserID(rawValue: 1)) } == .orderNotFound)
        #expect(shop.trace == (try SeedDiagram.all()[1].failurePath(alt: 0)))
        #expect(shop.trace.last == "Payment-->>User: 실패 응답 (주문 존재하지 않음)")
    }

    @Test func anotherUsersOrderIsNotFoundAndAPaidOneIsAlreadyPaid() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, keyboard)
        #expect(try await errorCode { _ = try await shop.app.pay(order: order.id, user: UserID(rawValue: 2)) } == .orderNotFound)
        try await shop.pay(order)
        #expect(try await errorCode { try await shop.pay(order) } == .orderAlreadyPaid)
        #expect(try await errorCode { _ = try await shop.app.pay(order: order.id, user: UserID(rawValue: 2)) } == .orderNotFound)
        #expect(try await shop.balance(1) == 50_000, "charged once")
    }

    @Test func stockTakenByAnotherPayerLeavesEverythingUnchangedUntilRestocked() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product(stock: 1)
        try await shop.charge(1, 100_000)
        try await shop.charge(2, 100_000)
        let coupon = try await shop.coupon()
        let mine = try await shop.order(1, keyboard, coupon: coupon.id)
        try await shop.pay(try await shop.order(2, keyboard))
        shop.traceFromHere()
        #expect(try await errorCode { try await shop.pay(mine) } == .outOfStock)
        #expect(shop.trace.suffix(2) == ["Product-->>Payment: 재고 부족", "Payment-->>User: 실패 응답 (상품 재고 부족)"])
        try await expectUnchanged(shop, order: mine, coupon: coupon, balance: 100_000)
        _ = try await shop.app.products.restock(keyboard.id, quantity: 1)
        try await shop.pay(mine)
        #expect(try await shop.status(mine) == .paid)
    }

    @Test func aBalanceSpentInBetweenLeavesEverythingUnchangedUntilCharged() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 60_000)
        let coupon = try await shop.coupon()
        let first = try await shop.order(1, keyboard, coupon: coupon.id)
        let second = try await shop.order(1, keyboard)
        try await shop.pay(second)
        #expect(try await errorCode { try await shop.pay(first) } == .insufficientBalance)
        try await expectUnchanged(shop, order: first, coupon: coupon, balance: 10_000, stock: 9)
        try await shop.charge(1, 35_000)
        try await shop.pay(first)
        #expect(try await shop.balance(1) == 0)
        #expect(try await shop.couponStatus(coupon) == .used)
    }

    @Test func aCouponUsedByAnotherOrderLeavesEverythingUnchanged() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 200_000)
        let coupon = try await shop.coupon()
        let first = try await shop.order(1, keyboard, coupon: coupon.id)
        let second = try await shop.order(1, keyboard, coupon: coupon.id)
        try await shop.pay(first)
        #expect(try await errorCode { try await shop.pay(second) } == .couponAlreadyUsed)
        #expect(try await shop.status(second) == .pending)
        #expect(try await shop.balance(1) == 155_000)
        #expect(try await shop.stock(keyboard) == 9)
        #expect(try await shop.app.coupons.coupon(coupon.id).orderId == first.id)
    }

    @Test func anExpiredCouponFailsAtPaymentToo() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 100_000)
        let coupon = try await shop.coupon(validity: .lasting(.minutes(5)))
        let order = try await shop.order(1, keyboard, coupon: coupon.id)
        _ = try await shop.advance("5m")
        #expect(try await errorCode { try await shop.pay(order) } == .couponExpired)
        try await expectUnchanged(shop, order: order, coupon: coupon, balance: 100_000, couponStatus: .expired)
    }

    @Test func idempotencyKeysReplayAndRefuseReuse() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 200_000)
        let order = try await shop.order(1, keyboard)
        let first = try await shop.pay(order, key: "pay-1")
        let replay = try await shop.pay(order, key: "pay-1")
        #expect(replay.isReplay)
        #expect(replay.payment == first.payment)
        #expect(try await shop.balance(1) == 150_000, "charged once")
        let other = try await shop.order(1, keyboard)
        #expect(try await errorCode { try await shop.pay(other, key: "pay-1") } == .idempotencyKeyReused)
        #expect(try await shop.status(other) == .pending)
        #expect(try await shop.outbox() == .init(pending: 0, delivered: 1))
    }

    func expectUnchanged(
        _ shop: Shop, order: Order, coupon: IssuedCoupon, balance: Int64, stock: Int64? = nil,
        couponStatus: CouponStatus = .issued
    ) async throws {
        #expect(try await shop.status(order) == .pending)
        #expect(try await shop.app.orders.order(order.id).paidAt == nil)
        #expect(try await shop.balance(1) == balance)
        #expect(try await shop.couponStatus(coupon) == couponStatus)
        if let stock { #expect(try await shop.app.products.show(order.lines[0].productId).stock == stock) }
        #expect(try await shop.app.points.history(of: order.userId).filter { $0.kind == .use && $0.orderId == order.id }.isEmpty)
        #expect(try await shop.app.dataPlatform.events().allSatisfy { !$0.event.eventId.contains("order-\(order.id)-") })
    }
}
