import Coupon
import Kernel

extension Handlers {
    static func couponCreate(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let rule: DiscountRule
        switch (call.key("fixed"), call.key("percent")) {
        case (let fixed?, nil):
            guard call.key("max") == nil else { throw DomainError.invalid("max= goes with percent=, not fixed=") }
            rule = .fixed(try Values.money(fixed, "fixed"))
        case (nil, let percent?):
            rule = .percent(
                try Values.integer(percent, "percent"), max: try call.key("max").map { v throws(DomainError) in try Values.money(v, "max") }
            )
        default:
            throw DomainError.invalid("coupon create needs exactly one of fixed=N or percent=P")
        }
        let validity: CouponValidity
        switch (call.key("valid"), call.key("until")) {
        case (nil, nil): validity = .unlimited
        case (let span?, nil): validity = .lasting(try Values.duration(span))
        case (nil, let end?): validity = .until(try Values.time(end))
        default: throw DomainError.invalid("give valid=DURATION or until=TIME, not both")
        }
        let policy = try await session.app.coupons.create(
            name: try call.requiredOperand(0), rule: rule,
            quantity: try call.key("quantity").map { v throws(DomainError) in try Values.integer(v, "quantity") }, validity: validity,
            minOrder: try call.key("min").map { v throws(DomainError) in try Values.money(v, "min") } ?? .zero)
        return [EntityView(policy).line] + session.bound(call, "\(policy.id)")
    }

    static func couponIssue(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let coupon = try await session.app.coupons.issue(
            try Values.id(try call.requiredOperand(0), "coupon policy id"), to: try Values.id(try call.required("user"), "user"))
        return [EntityView(coupon).line] + session.bound(call, "\(coupon.id)")
    }

    static func couponList(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let user: UserID = try Values.id(try call.required("user"), "user")
        let coupons = try await session.app.coupons.coupons(of: user)
        return coupons.isEmpty ? ["user \(user) holds no coupons"] : coupons.map { EntityView($0).line }
    }

    static func couponShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.coupons.coupon(try Values.id(try call.requiredOperand(0), "coupon id"))).line]
    }

    static func policyShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        [EntityView(try await session.app.coupons.policy(try Values.id(try call.requiredOperand(0), "coupon policy id"))).line]
    }

    static func policyList(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let policies = try await session.app.coupons.policies()
        return policies.isEmpty ? ["no coupon policies"] : policies.map { EntityView($0).line }
    }
}
