import App
import Kernel
import Order
import Payment
import TestSupport
import Testing

/// Races on a SQLite file with several connections, each invariant checked at the end.
@Suite struct ConcurrencyTests {
    func fileShop() async throws -> (Shop, String) {
        let path = TestDatabase.temporaryPath()
        return (try await Shop.start(path: path), path)
    }

    @Test func fortyPayersForTenUnitsPayExactlyTen() async throws {
        let (shop, path) = try await fileShop()
        defer { TestDatabase.remove(path) }
        let product = try await shop.product(price: 10_000, stock: 10)
        var placed: [Order] = []
        for user in 1...40 {
            try await shop.charge(Int64(user), 10_000)
            placed.append(try await shop.order(Int64(user), product))
        }
        let orders = placed
        let results = await concurrently(40) { index in await outcome { try await shop.pay(orders[index]) } }
        #expect(results.successes == 10)
        #expect(results.failures(.outOfStock) == 30)
        #expect(try await shop.stock(product) == 0)
        #expect(try await shop.app.orders.orders(status: .paid).count == 10)
        #expect(try await shop.app.orders.orders(status: .pending).count == 30)
        var total: Int64 = 0
        for user in 1...40 { total += try await shop.balance(Int64(user)) }
        #expect(total == 300_000, "only the ten payers were charged")
        #expect(shop.recorder.received.count == 10)
        try await shop.app.close()
    }

    @Test func oneOrderPaidByTwentyCallsIsPaidOnce() async throws {
        let (shop, path) = try await fileShop()
        defer { TestDatabase.remove(path) }
        let product = try await shop.product(price: 10_000, stock: 10)
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, product)
        let results = await concurrently(20) { _ in await outcome { try await shop.pay(order) } }
        #expect(results.successes == 1)
        #expect(results.failures(.orderAlreadyPaid) == 19)
        #expect(try await shop.balance(1) == 90_000)
        #expect(try await shop.stock(product) == 9)
        #expect(try await shop.app.points.history(of: UserID(rawValue: 1)).filter { $0.kind == .use }.count == 1)
        try await shop.app.close()
    }

    @Test func twentyRetriesWithOneKeyChargeOnceAndAllSeeThePayment() async throws {
        let (shop, path) = try await fileShop()
        defer { TestDatabase.remove(path) }
        let product = try await shop.product(price: 10_000, stock: 10)
        try await shop.charge(1, 100_000)
        let order = try await shop.order(1, product)
        let receipts = await concurrently(20) { _ in try? await shop.pay(order, key: "once") }
        #expect(receipts.allSatisfy { $0 != nil })
        #expect(Set(receipts.compactMap { $0?.payment.id }).count == 1)
        #expect(receipts.filter { $0?.isReplay == false }.count == 1)
        #expect(try await shop.balance(1) == 90_000)
        try await shop.app.close()
    }

    @Test func oneCouponOnTwoOrdersPaidAtOnceIsUsedOnce() async throws {
        let (shop, path) = try await fileShop()
        defer { TestDatabase.remove(path) }
        let product = try await shop.product(price: 10_000, stock: 10)
        try await shop.charge(1, 100_000)
        let coupon = try await shop.coupon()
        let orders = [try await shop.order(1, product, coupon: coupon.id), try await shop.order(1, product, coupon: coupon.id)]
        let results = await concurrently(2) { index in await outcome { try await shop.pay(orders[index]) } }
        #expect(results.successes == 1)
        #expect(results.failures(.couponAlreadyUsed) == 1)
        #expect(try await shop.balance(1) == 95_000)
        #expect(try await shop.stock(product) == 9)
        try await shop.app.close()
    }

    @Test func aPaymentRacingTheExpiryJobHasExactlyOneWinner() async throws {
        let (shop, path) = try await fileShop()
        defer { TestDatabase.remove(path) }
        let product = try await shop.product(price: 1_000, stock: 1_000)
        let count = 30
        var placed: [Order] = []
        for user in 1...count {
            try await shop.charge(Int64(user), 1_000)
            placed.append(try await shop.order(Int64(user), product))
        }
        let orders = placed
        _ = try await shop.advance("14m59s")
        let deadline = try #require(orders.first?.expiresAt)
        // Each payment (still before the deadline by the clock) races a sweep as of the deadline.
        let results = await concurrently(2 * count) { index -> Result<Void, DomainError> in
            if index % 2 == 0 { return await outcome { try await shop.pay(orders[index / 2]) } }
            return await outcome { _ = try await shop.app.orders.expireDue(at: deadline) }
        }
        let payments = stride(from: 0, to: 2 * count, by: 2).map { results[$0] }
        var paid = 0
        for (index, order) in orders.enumerated() {
            let status = try await shop.status(order)
            let balance = try await shop.balance(Int64(index + 1))
            switch payments[index] {
            case .success:
                paid += 1
                #expect(status == .paid)
                #expect(balance == 0)
            case .failure(let error):
                #expect(error.code == .orderExpired)
                #expect(status == .expired)
                #expect(balance == 1_000, "no money taken from an expired order")
            }
        }
        #expect(try await shop.stock(product) == Int64(1_000 - paid))
        #expect(try await shop.app.orders.orders(status: .pending).isEmpty)
        try await shop.app.close()
    }
}

/// Two instances of the service on one database (two systems with their own connections), as in production.
@Suite struct TwoInstanceTests {
    @Test func oneKeyOnTwoInstancesGivesOnePaymentAndOneReplay() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let (first, second) = try await TestDatabase.twoInstances(path: path)
        let a = try await CommerceApp.start(AppConfiguration(database: .provided(first)))
        let b = try await CommerceApp.start(AppConfiguration(database: .provided(second)))
        let product = try await a.products.add(name: "Pen", price: Money(won: 1_000), stock: 100)
        for round in 1...10 {
            let user = UserID(rawValue: Int64(round))
            _ = try await a.points.charge(user, amount: Money(won: 5_000))
            let order = try await a.placeOrder(user: user, items: [OrderItem(productId: product.id, quantity: 1)], coupon: nil)
            let receipts = await concurrently(2) { index in
                try? await (index == 0 ? a : b).pay(order: order.id, user: user, idempotencyKey: "key-\(round)")
            }
            let paid = receipts.compactMap { $0 }
            #expect(paid.count == 2, "round \(round): both answered with a payment, none failed")
            #expect(Set(paid.map(\.payment.id)).count == 1, "round \(round): the same payment")
            #expect(paid.filter(\.isReplay).count == 1, "round \(round): exactly one is the replay")
            #expect(try await a.points.balance(of: user).balance == Money(won: 4_000), "round \(round): charged once")
        }
        #expect(try await a.products.show(product.id).stock == 90)
        try await a.close()
        try await b.close()
    }
}
