import Coupon
import DataPlatform
import Kernel
import Order
import Payment
import Point
import Product

/// An entity as `show` prints it and `expect` checks it: the field names of docs/console.md (and `openapi.yaml`).
struct EntityView: Sendable {
    /// `product`, `order`, ...: the word `expect` takes.
    let kind: String
    /// The fields in print order; nil prints as `-`.
    let fields: [(name: String, value: String?)]

    func value(of field: String) -> String?? {
        fields.first { $0.name == field }.map(\.value)
    }

    /// `order 3: id=3 userId=1 status=PENDING ...`.
    var line: String {
        let id = fields.first.map { Values.printed($0.value) } ?? "?"
        return "\(kind) \(id): " + fields.map { "\($0.name)=\(Values.printed($0.value))" }.joined(separator: " ")
    }

    /// The entities `expect` knows, with their fields.
    static let kinds: [String: [String]] = [
        "product": ["id", "name", "price", "stock"],
        "point": ["userId", "balance"],
        "policy": ["id", "name", "type", "amount", "percent", "max", "quantity", "issued", "minOrder", "validUntil"],
        "coupon": ["id", "policyId", "userId", "status", "orderId", "name", "validUntil"],
        "order": [
            "id", "userId", "status", "items", "totalAmount", "discountAmount", "payAmount", "couponId", "createdAt", "expiresAt", "paidAt",
        ],
        "payment": ["id", "orderId", "userId", "amount", "createdAt"],
    ]

    init(kind: String, fields: [(name: String, value: String?)]) {
        self.kind = kind
        self.fields = fields
    }

    init(_ product: Product) {
        self.init(
            kind: "product",
            fields: [
                ("id", "\(product.id)"), ("name", product.name), ("price", "\(product.price)"), ("stock", "\(product.stock)"),
            ])
    }

    init(_ balance: PointBalance) {
        self.init(kind: "point", fields: [("userId", "\(balance.userId)"), ("balance", "\(balance.balance)")])
    }

    init(_ policy: CouponPolicy) {
        let (amount, percent, max): (Money?, Int64?, Money?) =
            switch policy.rule {
            case .fixed(let amount): (amount, nil, nil)
            case .percent(let percent, let max): (nil, percent, max)
            }
        self.init(
            kind: "policy",
            fields: [
                ("id", "\(policy.id)"), ("name", policy.name), ("type", policy.rule.type), ("amount", amount?.description),
                ("percent", percent.map(String.init)), ("max", max?.description), ("quantity", policy.quantity.map(String.init)),
                ("issued", "\(policy.issued)"), ("minOrder", "\(policy.minOrder)"), ("validUntil", policy.validUntil?.description),
            ])
    }

    init(_ coupon: IssuedCoupon) {
        self.init(
            kind: "coupon",
            fields: [
                ("id", "\(coupon.id)"), ("policyId", "\(coupon.policyId)"), ("userId", "\(coupon.userId)"),
                ("status", coupon.status.rawValue), ("orderId", coupon.orderId?.description), ("name", coupon.name),
                ("validUntil", coupon.validUntil?.description),
            ])
    }

    init(_ order: Order) {
        self.init(
            kind: "order",
            fields: [
                ("id", "\(order.id)"), ("userId", "\(order.userId)"), ("status", order.status.rawValue),
                ("items", order.lines.map { "\($0.productId):\($0.quantity)" }.joined(separator: ",")),
                ("totalAmount", "\(order.totalAmount)"), ("discountAmount", "\(order.discountAmount)"),
                ("payAmount", "\(order.payAmount)"), ("couponId", order.couponId?.description),
                ("createdAt", order.createdAt.description), ("expiresAt", order.expiresAt.description),
                ("paidAt", order.paidAt?.description),
            ])
    }

    init(_ payment: Payment) {
        self.init(
            kind: "payment",
            fields: [
                ("id", "\(payment.id)"), ("orderId", "\(payment.orderId)"), ("userId", "\(payment.userId)"),
                ("amount", "\(payment.amount)"), ("createdAt", payment.createdAt.description),
            ])
    }
}
