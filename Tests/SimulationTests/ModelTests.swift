import Kernel
import Testing

@testable import Simulation

/// The model prices an order as the shop does even when it learns of a concurrent round's steps in another order
/// than the shop ran them: a payment applied first may take the stock or the coupon the order was placed with.
@Suite struct ModelTests {
    /// A model with one product of price 10,000 and stock 2, and user 1 holding a 1,000-won coupon and 50,000 won.
    private func model() -> Model {
        var model = Model(users: 2, origin: Timestamp(rawValue: 1_767_225_600))
        model.products["p1"] = Model.ProductState(id: 1, price: 10_000, stock: 2, received: 2)
        model.policies["c1"] = Model.PolicyState(id: 1, rule: .fixed(1_000), minOrder: 0)
        model.coupons["k1"] = Model.CouponState(id: 1, policy: "c1", user: 1)
        model.users[1] = Model.UserState(charged: 50_000, balance: 50_000)
        return model
    }

    @Test func anOrderWhoseStockAnotherStepTookIsStillPricedAsPlaced() {
        var model = model()
        model.products["p1"]?.stock = 0
        let placed = model.predictPlace(user: 1, items: [Action.Item(product: "p1", quantity: 2)], coupon: nil)
        #expect(placed.prediction == .fails(.outOfStock))
        #expect(placed.total == 20_000)
    }

    @Test func anOrderWhoseCouponAnotherOrderUsedKeepsItsDiscount() {
        var model = model()
        model.coupons["k1"]?.usedBy = "o1"
        let placed = model.predictPlace(user: 1, items: [Action.Item(product: "p1", quantity: 1)], coupon: .label("k1"))
        #expect(placed.prediction == .fails(.couponAlreadyUsed))
        #expect(placed.total == 10_000)
        #expect(placed.discount == 1_000)
    }

    @Test func anOrderTheRulesAcceptIsPricedWithItsCoupon() {
        let placed = model().predictPlace(user: 1, items: [Action.Item(product: "p1", quantity: 2)], coupon: .label("k1"))
        #expect(placed.prediction == .succeeds)
        #expect(placed.total == 20_000)
        #expect(placed.discount == 1_000)
    }
}
