/// A positive integer id that carries the kind of entity it names, so a `ProductID` can never be passed
/// where an `OrderID` is expected.
///
/// Kernel offers the mechanism; a context declares the tag of an entity whose id stays inside it (Payment's
/// `PaymentID`, Coupon's `CouponPolicyID`). The ids below are declared here only because they cross a context
/// boundary: an order line names a product, a payment names an order and a coupon, every context names users.
/// A context may import Kernel alone, so an id both sides speak must live here (the shared kernel), or each
/// port would need its own id type and the composition root a conversion per call.
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
public enum IssuedCouponEntity: EntityKind { public static let noun = "coupon" }
public enum OrderEntity: EntityKind { public static let noun = "order" }

/// A product in the catalogue.
public typealias ProductID = TypedID<ProductEntity>
/// A user; users are plain positive integers with no registry.
public typealias UserID = TypedID<UserEntity>
/// A coupon issued to one user (`coupon issue`).
public typealias CouponID = TypedID<IssuedCouponEntity>
public typealias OrderID = TypedID<OrderEntity>
