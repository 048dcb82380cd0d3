import Kernel

/// The tag of a payment's id, which no other context names.
public enum PaymentEntity: EntityKind { public static let noun = "payment" }

/// A payment.
public typealias PaymentID = TypedID<PaymentEntity>
