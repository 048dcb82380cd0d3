import Kernel
import Order
import Payment

/// The Order context as callers of the system reach it: reading orders and the expiry sweep. There is no
/// `place` here: an order is placed through ``CommerceApp/placeOrder(user:items:coupon:)``, so that no caller
/// can skip the seed's `User->>Order` arrows or the use case's metrics.
public struct OrderReads: Sendable {
    let service: OrderService

    /// One order; `ORDER_NOT_FOUND` when it does not exist or, with `user`, is another user's.
    public func order(_ id: OrderID, for user: UserID? = nil) async throws -> Order { try await service.order(id, for: user) }

    /// Every order, optionally one user's and of one status, by id.
    public func orders(user: UserID? = nil, status: OrderStatus? = nil) async throws -> [Order] {
        try await service.orders(user: user, status: status)
    }

    /// A page of ``orders(user:status:)``.
    public func orders(user: UserID?, status: OrderStatus?, page: PageRequest) async throws -> Page<Order> {
        try await service.orders(user: user, status: status, page: page)
    }

    /// The expiry job's sweep, run now as of `now` (benchmarks and races against payments), drawn like the job's.
    public func expireDue(at now: Timestamp) async throws -> [OrderID] { try await service.expireDue(at: now) }
}

/// The Payment context as callers reach it: reading payments. Paying goes through
/// ``CommerceApp/pay(order:user:idempotencyKey:)``, the seed's `User->>Payment` door.
public struct PaymentReads: Sendable {
    let service: PaymentService

    /// One payment, or `PAYMENT_NOT_FOUND`.
    public func payment(_ id: PaymentID) async throws -> Payment { try await service.payment(id) }

    /// Every payment, by id.
    public func payments() async throws -> [Payment] { try await service.payments() }
}
