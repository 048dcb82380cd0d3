import Kernel

extension PointService {
    /// A user's balance; 0 for a user who never charged.
    public func balance(of user: UserID) async throws -> PointBalance {
        try await database.read { tx in PointBalance(userId: user, balance: try await PointStore(tx: tx).balance(of: user)) }
    }

    /// A user's ledger, oldest first.
    public func history(of user: UserID) async throws -> [PointEntry] {
        try await database.read { tx in try await PointStore(tx: tx).entries(of: user) }
    }

    /// One page of a user's ledger, oldest first.
    public func history(of user: UserID, page: PageRequest) async throws -> Page<PointEntry> {
        page.page(of: try await database.read { tx in try await PointStore(tx: tx).entries(of: user, page) }) { $0.id }
    }
}
