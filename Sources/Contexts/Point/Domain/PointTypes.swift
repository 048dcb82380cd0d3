import Kernel

/// A user's point balance.
public struct PointBalance: Sendable, Equatable {
    public let userId: UserID
    /// The balance in won; never negative.
    public let balance: Money

    /// A user's balance.
    public init(userId: UserID, balance: Money) {
        self.userId = userId
        self.balance = balance
    }
}

/// One ledger entry: a charge or a use, with the balance after it.
public struct PointEntry: Sendable, Equatable {
    /// Whether points came in or went out.
    public enum Kind: String, Sendable, Equatable {
        case charge = "CHARGE"
        /// Points spent on a paid order.
        case use = "USE"
    }

    /// The entry's id, increasing in the order entries were written.
    public let id: Int64
    public let userId: UserID
    /// Charge or use.
    public let kind: Kind
    /// The amount moved, always positive.
    public let amount: Money
    /// The balance right after this entry.
    public let balanceAfter: Money
    /// The order paid, for a use.
    public let orderId: OrderID?
    /// When it happened.
    public let createdAt: Timestamp
}

/// The limits on charging, configuration with the defaults of docs/console.md.
public struct PointRules: Sendable, Equatable {
    /// The largest single charge.
    public var maxCharge: Money
    /// The largest balance a user may hold.
    public var maxBalance: Money

    /// Rules with the given limits; the defaults are 1,000,000 won per charge and 10,000,000 won of balance.
    public init(maxCharge: Money = Money(won: 1_000_000), maxBalance: Money = Money(won: 10_000_000)) {
        self.maxCharge = maxCharge
        self.maxBalance = maxBalance
    }
}
