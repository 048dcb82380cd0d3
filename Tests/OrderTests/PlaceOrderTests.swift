import Kernel
import Order
import TestSupport
import Testing

@Suite struct PlaceOrderTests {
    let clock = SimulatedClock()
    let alice = UserID(rawValue: 1)
    let keyboard = ProductID(rawValue: 1)
    let mouse = ProductID(rawValue: 2)

    var stock: StockTable { StockTable(products: [keyboard: (50_000, 2), mouse: (20_000, 10)]) }

    func service(
        coupons: any CouponValidator = UnexpectedCoupons(), balances: any BalanceChecker = Balances([UserID(rawValue: 1): 1_000_000]),
        stock: (any StockChecker)? = nil
    ) async throws -> OrderService {
        let database = try await TestDatabase.fresh([CommerceModule(name: "Order", migrations: OrderService.migrations)])
        return OrderService(database: database, clock: clock, stock: stock ?? self.stock, coupons: coupons, balances: balances)
    }

    @Test func placesAPendingOrderWithPricesCapturedAndNothingDeducted() async throws {
        let balances = Balances([alice: 200_000])
        let orders = try await service(balances: balances)
        let order = try await orders.place(
            user: alice,
            items: [
                OrderItem(productId: mouse, quantity: 2), OrderItem(productId: keyboard, quantity: 1),
            ])
        #expect(order.status == .pending)
        #expect(order.userId == alice)
        #expect(
            order.lines == [
                OrderLine(productId: keyboard, quantity: 1, unitPrice: Money(won: 50_000)),
                OrderLine(productId: mouse, quantity: 2, unitPrice: Money(won: 20_000)),
            ])
        #expect(order.totalAmount == Money(won: 90_000))
        #expect(order.discountAmount == .zero)
        #expect(order.payAmount == Money(won: 90_000))
        #expect(order.couponId == nil)
        #expect(order.createdAt.description == "2026-01-01T09:00:00Z")
        #expect(order.expiresAt.description == "2026-01-01T09:15:00Z")
        #expect(order.paidAt == nil)
        #expect(balances.amountsAsked == [90_000], "the balance is checked against the amount to pay")
        #expect(try await orders.order(order.id) == order)
    }

    @Test func aCouponsDiscountIsTakenOffAndNeverBelowZero() async throws {
        let orders = try await service(coupons: FixedCoupons(result: .success(Money(won: 5_000))))
        let order = try await orders.place(user: alice, items: [OrderItem(productId: keyboard, quantity: 1)], coupon: CouponID(rawValue: 9))
        #expect(order.discountAmount == Money(won: 5_000))
        #expect(order.payAmount == Money(won: 45_000))
        #expect(order.couponId == CouponID(rawValue: 9))
        let generous = try await service(coupons: FixedCoupons(result: .success(Money(won: 80_000))))
        let free = try await generous.place(
            user: alice, items: [OrderItem(productId: keyboard, quantity: 1)], coupon: CouponID(rawValue: 9))
        #expect(free.discountAmount == Money(won: 50_000))
        #expect(free.payAmount == .zero)
    }

    @Test func duplicateLinesAreMerged() async throws {
        let orders = try await service()
        let order = try await orders.place(
            user: alice,
            items: [
                OrderItem(productId: mouse, quantity: 2), OrderItem(productId: mouse, quantity: 3),
            ])
        #expect(order.lines == [OrderLine(productId: mouse, quantity: 5, unitPrice: Money(won: 20_000))])
        #expect(order.totalAmount == Money(won: 100_000))
    }

    @Test(arguments: [[] as [Int64], [0], [-1], [1, 0], [.max, 1]])
    func badItemsAreInvalidAndReachNoPort(quantities: [Int64]) async throws {
        let orders = try await service(balances: UnexpectedBalances(), stock: StockTable(products: [:]))
        let items = quantities.map { OrderItem(productId: mouse, quantity: $0) }
        #expect(try await errorCode { _ = try await orders.place(user: alice, items: items) } == .invalidArgument)
        #expect(try await orders.orders().isEmpty)
    }

    @Test func aTotalPastInt64IsInvalid() async throws {
        let orders = try await service(stock: StockTable(products: [keyboard: (.max / 2, 10)]))
        #expect(
            try await errorCode { _ = try await orders.place(user: alice, items: [OrderItem(productId: keyboard, quantity: 3)]) }
                == .invalidArgument)
    }

    @Test func checksRunInTheSeedsOrderAndTheFirstFailureWins() async throws {
        // Stock fails: neither the coupon nor the balance is asked.
        let outOfStock = try await service(balances: UnexpectedBalances())
        #expect(
            try await errorCode {
                _ = try await outOfStock.place(
                    user: alice, items: [OrderItem(productId: keyboard, quantity: 3)], coupon: CouponID(rawValue: 1))
            } == .outOfStock)
        #expect(
            try await errorCode {
                _ = try await outOfStock.place(user: alice, items: [OrderItem(productId: ProductID(rawValue: 7), quantity: 1)])
            } == .productNotFound)
        // The coupon fails: the balance is not asked.
        let badCoupon = try await service(
            coupons: FixedCoupons(result: .failure(DomainError(.couponExpired, "old"))), balances: UnexpectedBalances())
        #expect(
            try await errorCode {
                _ = try await badCoupon.place(
                    user: alice, items: [OrderItem(productId: keyboard, quantity: 1)], coupon: CouponID(rawValue: 1))
            } == .couponExpired)
        // The balance fails last.
        let poor = try await service(balances: Balances([alice: 49_999]))
        #expect(
            try await errorCode { _ = try await poor.place(user: alice, items: [OrderItem(productId: keyboard, quantity: 1)]) }
                == .insufficientBalance)
        #expect(try await poor.orders().isEmpty, "a failed order leaves nothing behind")
    }

    @Test func listsByUserAndStatusAndHidesOtherUsersOrders() async throws {
        let bob = UserID(rawValue: 2)
        let orders = try await service(balances: Balances([alice: 1_000_000, bob: 1_000_000]))
        let first = try await orders.place(user: alice, items: [OrderItem(productId: mouse, quantity: 1)])
        let second = try await orders.place(user: bob, items: [OrderItem(productId: mouse, quantity: 1)])
        #expect(try await orders.orders().map(\.id) == [first.id, second.id])
        #expect(try await orders.orders(user: bob).map(\.id) == [second.id])
        #expect(try await orders.orders(status: .paid).isEmpty)
        #expect(try await orders.orders(user: alice, status: .pending).map(\.id) == [first.id])
        #expect(try await orders.order(first.id, for: alice) == first)
        #expect(try await errorCode { _ = try await orders.order(first.id, for: bob) } == .orderNotFound)
        #expect(try await errorCode { _ = try await orders.order(OrderID(rawValue: 99)) } == .orderNotFound)
    }

    @Test func theTimeToLiveIsConfiguration() async throws {
        let database = try await TestDatabase.fresh([CommerceModule(name: "Order", migrations: OrderService.migrations)])
        let orders = OrderService(
            database: database, clock: clock, timeToLive: .seconds(30), stock: stock, coupons: UnexpectedCoupons(),
            balances: Balances([alice: 1_000_000]))
        let order = try await orders.place(user: alice, items: [OrderItem(productId: mouse, quantity: 1)])
        #expect(order.expiresAt.description == "2026-01-01T09:00:30Z")
    }
}
