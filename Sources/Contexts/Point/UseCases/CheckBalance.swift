import Kernel

extension PointService {
    /// Fails with `INSUFFICIENT_BALANCE` unless the user's balance covers `amount`. Nothing moves.
    public func checkCovers(_ user: UserID, amount: Money, in tx: Transaction) async throws {
        let balance = try await PointStore(tx: tx).balance(of: user)
        guard balance >= amount else { throw Self.insufficient(user, balance: balance, amount: amount) }
    }
}
