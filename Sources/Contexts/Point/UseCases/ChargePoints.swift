import Kernel

extension PointService {
    /// Charges a user's balance. `INVALID_CHARGE_AMOUNT` unless 1 ≤ amount ≤ the per-charge limit;
    /// `BALANCE_LIMIT_EXCEEDED` when the balance would pass its cap (a conditional update, so concurrent
    /// charges cannot pass it either).
    public func charge(_ user: UserID, amount: Money) async throws -> PointBalance {
        guard amount.won >= 1, amount <= rules.maxCharge else {
            throw DomainError(.invalidChargeAmount, "a charge must be between 1 and \(rules.maxCharge) won, got \(amount)")
        }
        let now = clock.now()
        return try await database.write { tx in
            let store = PointStore(tx: tx)
            guard let balance = try await store.add(amount, to: user, cap: rules.maxBalance) else {
                let current = try await store.balance(of: user)
                throw DomainError(
                    .balanceLimitExceeded, "user \(user) holds \(current) won; \(amount) more would pass the limit of \(rules.maxBalance)")
            }
            try await store.record(.charge, user: user, amount: amount, balanceAfter: balance, order: nil, now: now)
            return PointBalance(userId: user, balance: balance)
        }
    }
}
