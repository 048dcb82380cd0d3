import Coupon
import Kernel
import TestSupport
import Testing

@Suite struct PolicyTests {
    let clock = SimulatedClock()

    func service() async throws -> CouponService {
        CouponService(database: try await TestDatabase.fresh([CouponService.module]), clock: clock)
    }

    @Test func createsPoliciesWithEveryOption() async throws {
        let coupons = try await service()
        let welcome = try await coupons.create(name: "WELCOME", rule: .fixed(Money(won: 5_000)), validity: .lasting(.seconds(7 * 86_400)))
        #expect(welcome.rule.type == "FIXED")
        #expect(welcome.validUntil?.description == "2026-01-08T09:00:00Z")
        #expect(welcome.quantity == nil)
        #expect(welcome.issued == 0)
        let sale = try await coupons.create(
            name: "SALE", rule: .percent(10, max: Money(won: 3_000)), quantity: 100,
            validity: .until(try Timestamp(iso8601: "2026-02-01T00:00:00Z")), minOrder: Money(won: 20_000))
        #expect(sale.rule == .percent(10, max: Money(won: 3_000)))
        #expect(sale.minOrder == Money(won: 20_000))
        #expect(try await coupons.policy(sale.id) == sale)
        #expect(try await coupons.policies() == [welcome, sale])
    }

    @Test(arguments: [
        DiscountRule.fixed(Money(won: 0)), .fixed(Money(won: -1)), .percent(0, max: nil), .percent(101, max: nil),
        .percent(-5, max: nil), .percent(10, max: Money(won: 0)),
    ])
    func badRulesAreInvalid(rule: DiscountRule) async throws {
        let coupons = try await service()
        #expect(try await errorCode { _ = try await coupons.create(name: "X", rule: rule) } == .invalidArgument)
        #expect(try await coupons.policies().isEmpty)
    }

    @Test func badOptionsAreInvalid() async throws {
        let coupons = try await service()
        let rule = DiscountRule.fixed(Money(won: 1_000))
        #expect(try await errorCode { _ = try await coupons.create(name: " ", rule: rule) } == .invalidArgument)
        #expect(try await errorCode { _ = try await coupons.create(name: "X", rule: rule, quantity: 0) } == .invalidArgument)
        #expect(
            try await errorCode { _ = try await coupons.create(name: "X", rule: rule, validity: .lasting(.seconds(0))) } == .invalidArgument
        )
        #expect(
            try await errorCode { _ = try await coupons.create(name: "X", rule: rule, validity: .lasting(.seconds(.max))) }
                == .invalidArgument)
        #expect(
            try await errorCode { _ = try await coupons.create(name: "X", rule: rule, validity: .until(clock.now())) } == .invalidArgument)
        #expect(try await errorCode { _ = try await coupons.create(name: "X", rule: rule, minOrder: Money(won: -1)) } == .invalidArgument)
        #expect(try await errorCode { _ = try await coupons.policy(CouponPolicyID(rawValue: 3)) } == .couponNotFound)
    }

    @Test(arguments: [
        (DiscountRule.fixed(Money(won: 5_000)), 50_000 as Int64, 5_000 as Int64),
        (.fixed(Money(won: 5_000)), 3_000, 3_000),  // never below 0
        (.percent(10, max: nil), 45_000, 4_500),
        (.percent(10, max: nil), 12_345, 1_234),  // floor
        (.percent(10, max: Money(won: 3_000)), 50_000, 3_000),  // capped
        (.percent(10, max: Money(won: 3_000)), 20_000, 2_000),
        (.percent(100, max: nil), 7_777, 7_777),
        (.percent(33, max: nil), .max, 3_043_712_772_162_076_016),
    ])
    func discounts(rule: DiscountRule, total: Int64, discount: Int64) throws {
        #expect(try rule.discount(on: Money(won: total)) == Money(won: discount))
    }
}
