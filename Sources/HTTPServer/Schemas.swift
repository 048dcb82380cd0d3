import Coupon
import Foundation
import Kernel
import Order
import Payment
import Point
import Product

/// The domain's values as the generated JSON schemas, and the way back for inputs.
extension Components.Schemas.Product {
    init(_ product: Product) {
        self.init(id: product.id.rawValue, name: product.name, price: product.price.won, stock: product.stock)
    }
}

extension Components.Schemas.Balance {
    init(_ balance: PointBalance) {
        self.init(userId: balance.userId.rawValue, balance: balance.balance.won)
    }
}

extension Components.Schemas.CouponPolicy {
    init(_ policy: CouponPolicy) {
        var amount: Int64?, percent: Int64?, max: Int64?
        switch policy.rule {
        case .fixed(let fixed): amount = fixed.won
        case .percent(let value, let cap): (percent, max) = (value, cap?.won)
        }
        self.init(
            id: policy.id.rawValue, name: policy.name, _type: policy.rule.type == "FIXED" ? .fixed : .percent, amount: amount,
            percent: percent, max: max, quantity: policy.quantity, issued: policy.issued, minOrder: policy.minOrder.won,
            validUntil: policy.validUntil.map(Date.init))
    }
}

extension Components.Schemas.IssuedCoupon {
    init(_ coupon: IssuedCoupon) {
        let status: StatusPayload =
            switch coupon.status {
            case .issued: .issued
            case .used: .used
            case .expired: .expired
            }
        self.init(
            id: coupon.id.rawValue, policyId: coupon.policyId.rawValue, userId: coupon.userId.rawValue, status: status,
            orderId: coupon.orderId?.rawValue, name: coupon.name, validUntil: coupon.validUntil.map(Date.init))
    }
}

extension Components.Schemas.Order {
    init(_ order: Order) {
        let status: StatusPayload =
            switch order.status {
            case .pending: .pending
            case .paid: .paid
            case .expired: .expired
            }
        self.init(
            id: order.id.rawValue, userId: order.userId.rawValue, status: status,
            items: order.lines.map { .init(productId: $0.productId.rawValue, quantity: $0.quantity, unitPrice: $0.unitPrice.won) },
            couponId: order.couponId?.rawValue, totalAmount: order.totalAmount.won, discountAmount: order.discountAmount.won,
            payAmount: order.payAmount.won, createdAt: Date(order.createdAt), expiresAt: Date(order.expiresAt),
            paidAt: order.paidAt.map(Date.init))
    }
}

extension Components.Schemas.Payment {
    init(_ payment: Payment) {
        self.init(
            id: payment.id.rawValue, orderId: payment.orderId.rawValue, userId: payment.userId.rawValue,
            amount: payment.amount.won, createdAt: Date(payment.createdAt))
    }
}

extension Date {
    init(_ timestamp: Timestamp) { self.init(timeIntervalSince1970: TimeInterval(timestamp.secondsSinceEpoch)) }
}

extension Timestamp {
    /// A time from a request, truncated to whole seconds; `INVALID_ARGUMENT` outside years 1 to 9999.
    init(requestDate date: Date) throws(DomainError) {
        guard let seconds = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) else {
            throw .invalid("time \(date) is out of range")
        }
        let timestamp = Timestamp(secondsSinceEpoch: seconds)
        guard (try? timestamp.adding(seconds: 0)) != nil else { throw .invalid("time \(date) is out of range") }
        self = timestamp
    }
}

extension Components.Schemas.PointEntry {
    init(_ entry: PointEntry) {
        self.init(
            id: entry.id, userId: entry.userId.rawValue, kind: entry.kind == .charge ? .charge : .use, amount: entry.amount.won,
            balanceAfter: entry.balanceAfter.won, orderId: entry.orderId?.rawValue, createdAt: Date(entry.createdAt))
    }
}

/// The opaque `cursor` of a page: where the next page starts, as the client hands it back.
enum PageCursor {
    static func encode(_ after: Int64?) -> String? {
        after.map { Data("after:\($0)".utf8).base64EncodedString() }
    }

    static func decode(_ cursor: String?, limit: Int?) throws(DomainError) -> PageRequest {
        guard let cursor else { return try PageRequest(after: nil, limit: limit) }
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8), text.hasPrefix("after:"),
            let after = Int64(text.dropFirst("after:".count)), after >= 0
        else { throw .invalid("cursor is not one this server gave out") }
        return try PageRequest(after: after, limit: limit)
    }
}
