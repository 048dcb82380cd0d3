/// A broken invariant: the step at which the simulator saw it, which rule broke, and the values.
public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step after which the check failed.
    public let step: Int
    /// The invariant's stable name (``Invariant``).
    public let invariant: Invariant
    /// The values that break it.
    public let detail: String

    public var description: String { "step \(step): \(invariant.rawValue): \(detail)" }
}

/// The rules the oracle checks, by stable name.
public enum Invariant: String, Sendable, Codable, CaseIterable {
    /// Every answer is the one the rules predict: the same success, or the same error code.
    case answerAsPredicted = "answer-as-predicted"
    /// What the database holds is what the answers said.
    case modelMatchesDatabase = "model-matches-database"
    /// Stock never negative, and initial + restocks − stock = the units in paid orders.
    case stockConserved = "stock-conserved"
    /// Per user, charged − balance = the amounts of the paid orders; the balance stays within 0 and its cap.
    case moneyConserved = "money-conserved"
    /// A coupon is used at most once, only by a paid order of its owner; never more issued than the quantity,
    /// nor two to one user.
    case couponRules = "coupon-rules"
    /// An order is PAID with exactly one payment, or PENDING before its deadline, or EXPIRED; never paid at or
    /// after its deadline.
    case orderLifecycle = "order-lifecycle"
    /// A repeated payment with the same idempotency key returns the first payment and moves nothing.
    case idempotentReplay = "idempotent-replay"
    /// Every paid order has exactly one outbox event, delivered once the platform has been up long enough.
    case outboxComplete = "outbox-complete"
    /// The server failed with an error of its own (not a rule, not an injected fault).
    case serverFault = "server-fault"
}
