import Coupon
import Kernel
import TestSupport
import Testing

@Suite struct IssueAndRedeemTests {
    let clock = SimulatedClock()
    let alice = UserID(rawValue: 1)
    let bob = UserID(rawValue: 2)

    struct Fixture {
        let database: Database
        let coupons: CouponService
        let scheduler: Scheduler
    }

    func fixture() async throws -> Fixture {
        let database = try await TestDatabase.fresh([CouponService.module])
        return Fixture(database: database, coupons: CouponService(database: database, clock: clock), scheduler: Scheduler(clock: clock))
    }

    @Test func issuesOnePerUserUpToTheQuantity() async throws {
        let f = try await fixture()
        let policy = try await f.coupons.create(name: "FIRST2", rule: .fixed(Money(won: 1_000)), quantity: 2)
        let coupon = try await f.coupons.issue(policy.id, to: alice)
        #expect(coupon.status == .issued)
        #expect(coupon.userId == alice)
        #expect(coupon.policyId == policy.id)
        #expect(try await errorCode { _ = try await f.coupons.issue(policy.id, to: alice) } == .couponAlreadyIssued)
        _ = try await f.coupons.issue(policy.id, to: bob)
        #expect(try await errorCode { _ = try await f.coupons.issue(policy.id, to: UserID(rawValue: 3)) } == .couponSoldOut)
        #expect(
            try await errorCode { _ = try await f.coupons.issue(policy.id, to: alice) } == .couponAlreadyIssued, "the user is checked first"
        )
        #expect(try await f.coupons.policy(policy.id).issued == 2)
        #expect(try await errorCode { _ = try await f.coupons.issue(CouponPolicyID(rawValue: 99), to: alice) } == .couponNotFound)
    }

    @Test func anExpiredPolicyIssuesNothing() async throws {
        let f = try await fixture()
        let policy = try await f.coupons.create(name: "FLASH", rule: .fixed(Money(won: 1_000)), validity: .lasting(.minutes(10)))
        _ = try await f.scheduler.advance(by: .minutes(10))
        #expect(try await errorCode { _ = try await f.coupons.issue(policy.id, to: alice) } == .couponExpired)
        #expect(try await f.coupons.policy(policy.id).issued == 0, "the count was rolled back")
    }

    @Test func validatesInTheDocumentedOrder() async throws {
        let f = try await fixture()
        let policy = try await f.coupons.create(
            name: "BIG", rule: .percent(10, max: Money(won: 3_000)), validity: .lasting(.minutes(30)), minOrder: Money(won: 20_000))
        let coupon = try await f.coupons.issue(policy.id, to: alice)
        #expect(try await f.coupons.validate(coupon.id, for: alice, total: Money(won: 20_000)) == Money(won: 2_000))
        #expect(try await f.coupons.validate(coupon.id, for: alice, total: Money(won: 90_000)) == Money(won: 3_000))
        #expect(
            try await errorCode { _ = try await f.coupons.validate(coupon.id, for: alice, total: Money(won: 19_999)) }
                == .couponMinOrderNotMet)
        #expect(
            try await errorCode { _ = try await f.coupons.validate(coupon.id, for: bob, total: Money(won: 50_000)) } == .couponNotFound,
            "another user's coupon")
        #expect(
            try await errorCode { _ = try await f.coupons.validate(CouponID(rawValue: 42), for: alice, total: Money(won: 50_000)) }
                == .couponNotFound)
        _ = try await f.scheduler.advance(by: .minutes(30))
        #expect(
            try await errorCode { _ = try await f.coupons.validate(coupon.id, for: alice, total: Money(won: 50_000)) } == .couponExpired)
        #expect(try await f.coupons.coupon(coupon.id).status == .expired)
        #expect(try await f.coupons.coupons(of: alice).map(\.status) == [.expired])
    }

    @Test func aCouponIsUsedOnce() async throws {
        let f = try await fixture()
        let policy = try await f.coupons.create(name: "ONCE", rule: .fixed(Money(won: 1_000)))
        let coupon = try await f.coupons.issue(policy.id, to: alice)
        let first = OrderID(rawValue: 10), second = OrderID(rawValue: 11)
        try await f.database.write { tx in try await f.coupons.redeem(coupon.id, for: alice, order: first, total: Money(won: 5_000), in: tx)
        }
        let used = try await f.coupons.coupon(coupon.id)
        #expect(used.status == .used)
        #expect(used.orderId == first)
        #expect(
            try await errorCode {
                try await f.database.write { tx in
                    try await f.coupons.redeem(coupon.id, for: alice, order: second, total: Money(won: 5_000), in: tx)
                }
            } == .couponAlreadyUsed)
        #expect(
            try await errorCode { _ = try await f.coupons.validate(coupon.id, for: alice, total: Money(won: 5_000)) } == .couponAlreadyUsed)
        _ = try await f.scheduler.advance(by: .seconds(400 * 86_400))
        #expect(try await f.coupons.coupon(coupon.id).status == .used, "a used coupon never shows EXPIRED")
    }

    @Test func redeemChecksTheRulesAgain() async throws {
        let f = try await fixture()
        let policy = try await f.coupons.create(name: "MIN", rule: .fixed(Money(won: 1_000)), minOrder: Money(won: 10_000))
        let coupon = try await f.coupons.issue(policy.id, to: alice)
        #expect(
            try await errorCode {
                try await f.database.write { tx in
                    try await f.coupons.redeem(coupon.id, for: alice, order: OrderID(rawValue: 1), total: Money(won: 9_000), in: tx)
                }
            } == .couponMinOrderNotMet)
        #expect(
            try await errorCode {
                try await f.database.write { tx in
                    try await f.coupons.redeem(coupon.id, for: bob, order: OrderID(rawValue: 1), total: Money(won: 20_000), in: tx)
                }
            } == .couponNotFound)
        #expect(try await f.coupons.coupon(coupon.id).status == .issued)
    }

    @Test func listsAUsersCoupons() async throws {
        let f = try await fixture()
        let a = try await f.coupons.create(name: "A", rule: .fixed(Money(won: 1_000)))
        let b = try await f.coupons.create(name: "B", rule: .percent(5, max: nil))
        _ = try await f.coupons.issue(a.id, to: alice)
        _ = try await f.coupons.issue(b.id, to: alice)
        _ = try await f.coupons.issue(b.id, to: bob)
        #expect(try await f.coupons.coupons(of: alice).map(\.name) == ["A", "B"])
        #expect(try await f.coupons.coupons(of: bob).map(\.name) == ["B"])
        #expect(try await f.coupons.coupons(of: UserID(rawValue: 9)).isEmpty)
        #expect(try await errorCode { _ = try await f.coupons.coupon(CouponID(rawValue: 99)) } == .couponNotFound)
    }
}

@Suite struct CouponConcurrencyTests {
    @Test(arguments: [true, false])
    func twentyConcurrentIssuesOfFiveIssueExactlyFive(queueWriters: Bool) async throws {
        let (database, path) = try await TestDatabase.concurrent([CouponService.module], queueWriters: queueWriters)
        defer { TestDatabase.remove(path) }
        let coupons = CouponService(database: database, clock: SimulatedClock())
        let policy = try await coupons.create(name: "FIVE", rule: .fixed(Money(won: 1_000)), quantity: 5)
        let results = await concurrently(20) { index in
            await outcome { _ = try await coupons.issue(policy.id, to: UserID(rawValue: Int64(index + 1))) }
        }
        #expect(results.successes == 5)
        #expect(results.failures(.couponSoldOut) == 15)
        #expect(try await coupons.policy(policy.id).issued == 5)
        try await database.close()
    }

    @Test func oneUserRacingForOneCouponGetsOne() async throws {
        let (database, path) = try await TestDatabase.concurrent([CouponService.module])
        defer { TestDatabase.remove(path) }
        let coupons = CouponService(database: database, clock: SimulatedClock())
        let policy = try await coupons.create(name: "ONE", rule: .fixed(Money(won: 1_000)))
        let user = UserID(rawValue: 1)
        let results = await concurrently(20) { _ in await outcome { _ = try await coupons.issue(policy.id, to: user) } }
        #expect(results.successes == 1)
        #expect(results.failures(.couponAlreadyIssued) == 19)
        #expect(try await coupons.coupons(of: user).count == 1)
        try await database.close()
    }

    @Test func oneCouponRedeemedByConcurrentOrdersIsUsedOnce() async throws {
        let (database, path) = try await TestDatabase.concurrent([CouponService.module])
        defer { TestDatabase.remove(path) }
        let coupons = CouponService(database: database, clock: SimulatedClock())
        let policy = try await coupons.create(name: "ONCE", rule: .fixed(Money(won: 1_000)))
        let user = UserID(rawValue: 1)
        let coupon = try await coupons.issue(policy.id, to: user)
        let results = await concurrently(20) { index in
            await outcome {
                try await database.write { tx in
                    try await coupons.redeem(
                        coupon.id, for: user, order: OrderID(rawValue: Int64(index + 1)), total: Money(won: 5_000), in: tx)
                }
            }
        }
        #expect(results.successes == 1)
        #expect(results.failures(.couponAlreadyUsed) == 19)
        try await database.close()
    }
}
