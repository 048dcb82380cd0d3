import App
import Coupon
import Kernel
import Order
import TestSupport
import Testing

/// Every branch of the seed's order diagram, with the state afterwards and the trace.
@Suite struct OrderFlowTests {
    @Test func theHappyPathCreatesAPendingOrderAndDeductsNothing() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product(stock: 2)
        try await shop.charge(1, 100_000)
        let coupon = try await shop.coupon()
        shop.traceFromHere()
        let order = try await shop.order(1, keyboard, coupon: coupon.id)
        #expect(order.status == .pending)
        #expect((order.totalAmount.won, order.discountAmount.won, order.payAmount.won) == (50_000, 5_000, 45_000))
        #expect(try await shop.stock(keyboard) == 2)
        #expect(try await shop.balance(1) == 100_000)
        #expect(try await shop.couponStatus(coupon) == .issued)
        #expect(try await shop.outbox() == .init(pending: 0, delivered: 0))
        #expect(shop.trace == (try SeedDiagram.all()[0].happyPath), "the seed's order diagram, message for message")
    }

    @Test func outOfStockTakesTheSeedsFirstFailureBranch() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product(stock: 1)
        try await shop.charge(1, 100_000)
        shop.traceFromHere()
        #expect(try await errorCode { _ = try await shop.order(1, keyboard, quantity: 2) } == .outOfStock)
        #expect(shop.trace == (try SeedDiagram.all()[0].failurePath(alt: 0)))
        #expect(shop.trace.last == "Order-->>User: 실패 응답 (상품 재고 부족)")
        #expect(try await shop.app.orders.orders().isEmpty)
    }

    @Test(arguments: ["expired", "used"])
    func anExpiredOrUsedCouponTakesTheSecondFailureBranch(kind: String) async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 200_000)
        let coupon = try await shop.coupon(validity: .lasting(.minutes(10)))
        if kind == "expired" {
            _ = try await shop.advance("10m")
        } else {
            try await shop.pay(try await shop.order(1, keyboard, coupon: coupon.id))
        }
        shop.traceFromHere()
        let code = try await errorCode { _ = try await shop.order(1, keyboard, coupon: coupon.id) }
        #expect(code == (kind == "expired" ? .couponExpired : .couponAlreadyUsed))
        #expect(shop.trace == (try SeedDiagram.all()[0].failurePath(alt: 1)))
        #expect(shop.trace.last == "Order-->>User: 실패 응답 (쿠폰 사용 불가)")
    }

    @Test func anInsufficientBalanceTakesTheThirdFailureBranch() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 44_999)
        let coupon = try await shop.coupon()
        shop.traceFromHere()
        #expect(try await errorCode { _ = try await shop.order(1, keyboard, coupon: coupon.id) } == .insufficientBalance)
        #expect(shop.trace == (try SeedDiagram.all()[0].failurePath(alt: 2)))
        #expect(shop.trace.last == "Order-->>User: 실패 응답 (잔고 부족)")
        try await shop.charge(1, 1)
        #expect(try await shop.order(1, keyboard, coupon: coupon.id).payAmount == Money(won: 45_000), "exactly enough")
    }

    @Test func otherCouponRulesGiveTheirCodes() async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        try await shop.charge(1, 200_000)
        let minimum = try await shop.coupon(minOrder: 60_000)
        #expect(try await errorCode { _ = try await shop.order(1, keyboard, coupon: minimum.id) } == .couponMinOrderNotMet)
        #expect(try await shop.order(1, keyboard, quantity: 2, coupon: minimum.id).discountAmount == Money(won: 5_000))
        let bobs = try await shop.coupon(for: 2)
        #expect(try await errorCode { _ = try await shop.order(1, keyboard, coupon: bobs.id) } == .couponNotFound)
        #expect(try await errorCode { _ = try await shop.order(1, keyboard, coupon: CouponID(rawValue: 999)) } == .couponNotFound)
    }

    @Test(arguments: [
        (DiscountRule.fixed(Money(won: 5_000)), 45_000 as Int64), (.fixed(Money(won: 80_000)), 0),
        (.percent(10, max: nil), 45_000), (.percent(10, max: Money(won: 3_000)), 47_000), (.percent(100, max: nil), 0),
    ])
    func theArithmeticOfEachCouponType(rule: DiscountRule, pay: Int64) async throws {
        let shop = try await Shop.start()
        let keyboard = try await shop.product()
        let coupon = try await shop.coupon(rule)
        try await shop.charge(1, pay == 0 ? 1 : pay)
        let order = try await shop.order(1, keyboard, coupon: coupon.id)
        #expect(order.payAmount.won == pay)
        #expect(order.discountAmount.won == 50_000 - pay)
        try await shop.pay(order)
        #expect(try await shop.balance(1) == (pay == 0 ? 1 : 0))
        #expect(
            try await shop.app.points.history(of: UserID(rawValue: 1)).filter { $0.kind == .use }.count == (pay == 0 ? 0 : 1),
            "an order that costs 0 moves no points")
    }
}
