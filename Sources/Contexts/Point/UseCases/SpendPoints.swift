import Kernel

extension PointService {
    /// Takes `amount` from the user's balance for a paid order, with a conditional update (`balance >= amount`),
    /// and writes a `USE` entry. An amount of 0 moves nothing and writes nothing.
    @discardableResult
    public func deduct(_ user: UserID, amount: Money, order: OrderID, in tx: Transaction) async throws -> PointBalance {
        try Validate.nonNegative(amount.won, "amount")
        let store = PointStore(tx: tx)
        guard amount > .zero else { return PointBalance(userId: user, balance: try await store.balance(of: user)) }
        guard let balance = try await store.take(amount, from: user) else {
            throw Self.insufficient(user, balance: try await store.balance(of: user), amount: amount)
        }
        try await store.record(.use, user: user, amount: amount, balanceAfter: balance, order: order, now: clock.now())
        return PointBalance(userId: user, balance: balance)
    }

    static func insufficient(_ user: UserID, balance: Money, amount: Money) -> DomainError {
        DomainError(.insufficientBalance, "user \(user) has \(balance) won, \(amount) needed")
    }
}
