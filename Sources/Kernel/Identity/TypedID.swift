/// A positive integer id that carries the kind of entity it names, so a `ProductID` can never be passed
/// where an `OrderID` is expected.
///
/// Ids live in Kernel because they cross context boundaries: an order line names a product, a payment names an
/// order. The entities themselves stay inside their contexts.
public struct TypedID<Entity: EntityKind>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    /// The id as stored in the database and printed to users.
    public let rawValue: Int64

    /// Wraps a raw id without validation; use ``init(validating:)`` for anything that came from outside.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// Wraps an id that came from a user, failing with `INVALID_ARGUMENT` unless it is a positive integer.
    public init(validating rawValue: Int64) throws(DomainError) {
        guard rawValue > 0 else {
            throw DomainError(.invalidArgument, "\(Entity.noun) id must be a positive integer, got \(rawValue)")
        }
        self.rawValue = rawValue
    }

    public var description: String { String(rawValue) }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The kind of entity a ``TypedID`` names; its noun appears in error messages.
public protocol EntityKind: Sendable {
    /// A lower-case noun for messages, such as "product".
    static var noun: String { get }
}

/// Tags for the entities whose ids cross a context boundary.
public enum ProductEntity: EntityKind { public static let noun = "product" }
public enum UserEntity: EntityKind { public static let noun = "user" }
public enum CouponPolicyEntity: EntityKind { public static let noun = "coupon policy" }
public enum IssuedCouponEntity: EntityKind { public static let noun = "coupon" }
public enum OrderEntity: EntityKind { public static let noun = "order" }
public enum PaymentEntity: EntityKind { public static let noun = "payment" }

/// A product in the catalogue.
public typealias ProductID = TypedID<ProductEntity>
/// A user; users are plain positive integers with no registry.
public typealias UserID = TypedID<UserEntity>
/// A coupon policy (`coupon create`).
public typealias CouponPolicyID = TypedID<CouponPolicyEntity>
/// A coupon issued to one user (`coupon issue`).
public typealias CouponID = TypedID<IssuedCouponEntity>
public typealias OrderID = TypedID<OrderEntity>
public typealias PaymentID = TypedID<PaymentEntity>
