/// An amount of won: a whole number, never floating point.
///
/// Arithmetic is overflow-checked and fails with `INVALID_ARGUMENT` instead of trapping, because amounts come
/// from users (a price of 9e18 times a quantity of 2 must be an error, not a crash).
public struct Money: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in won.
    public let rawValue: Int64

    /// An amount of won.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// An amount of won.
    public init(won: Int64) { self.rawValue = won }

    public static let zero = Money(won: 0)

    /// The amount in won.
    public var won: Int64 { rawValue }

    public var description: String { String(rawValue) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `self + other`, or `INVALID_ARGUMENT` when the sum does not fit in 64 bits.
    public func adding(_ other: Money) throws(DomainError) -> Money {
        let (sum, overflow) = rawValue.addingReportingOverflow(other.rawValue)
        guard !overflow else { throw .invalid("amount \(self) + \(other) is too large") }
        return Money(won: sum)
    }

    /// `self - other`, or `INVALID_ARGUMENT` when the difference does not fit in 64 bits.
    public func subtracting(_ other: Money) throws(DomainError) -> Money {
        let (difference, overflow) = rawValue.subtractingReportingOverflow(other.rawValue)
        guard !overflow else { throw .invalid("amount \(self) - \(other) is out of range") }
        return Money(won: difference)
    }

    /// `self × factor`, or `INVALID_ARGUMENT` when the product does not fit in 64 bits.
    public func multiplied(by factor: Int64) throws(DomainError) -> Money {
        let (product, overflow) = rawValue.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .invalid("amount \(self) × \(factor) is too large") }
        return Money(won: product)
    }

    /// `floor(self × percent / 100)` for a non-negative amount and a percent in 0...100, computed without an
    /// intermediate product that could overflow.
    public func percentage(_ percent: Int64) throws(DomainError) -> Money {
        guard rawValue >= 0, (0...100).contains(percent) else {
            throw .invalid("cannot take \(percent)% of \(self)")
        }
        return Money(won: rawValue / 100 * percent + rawValue % 100 * percent / 100)
    }

    /// The sum of amounts, or `INVALID_ARGUMENT` on overflow.
    public static func sum(_ amounts: some Sequence<Money>) throws(DomainError) -> Money {
        var total = Money.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }
}
