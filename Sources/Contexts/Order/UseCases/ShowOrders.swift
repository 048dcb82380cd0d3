import Kernel

extension OrderService {
    /// One order, or `ORDER_NOT_FOUND`. With `user`, another user's order is not found either.
    public func order(_ id: OrderID, for user: UserID? = nil) async throws -> Order {
        try await database.read { tx in
            let order = try await Self.existing(id, in: OrderStore(tx: tx))
            if let user, order.userId != user { throw Self.notFound(id) }
            return order
        }
    }

    /// Orders by id, of one user and in one status when given.
    public func orders(user: UserID? = nil, status: OrderStatus? = nil) async throws -> [Order] {
        try await database.read { tx in try await OrderStore(tx: tx).list(user: user, status: status) }
    }

    /// One page of orders by id, optionally of one user and one status.
    public func orders(user: UserID?, status: OrderStatus?, page: PageRequest) async throws -> Page<Order> {
        page.page(of: try await database.read { tx in try await OrderStore(tx: tx).list(user: user, status: status, page) }) {
            $0.id.rawValue
        }
    }
}
