/// One thing a simulated user or operator does, concrete enough to replay: entities are named by the labels
/// the run gave them when they were created (`p3`, `o17`), which are also the emitted scenario's `$NAME`s.
/// A label that names nothing (in a shortened replay, its creating step was removed) makes the step a no-op.
public enum Action: Sendable, Equatable {
    /// Registers a product (the setup).
    case addProduct(label: String, price: Int64, stock: Int64)
    /// Charges a user's balance.
    case charge(user: Int64, amount: Int64)
    /// Adds stock.
    case restock(product: String, quantity: Int64)
    /// Creates a coupon policy.
    case createPolicy(label: String, rule: PolicyRule, quantity: Int64?, validSeconds: Int64?, minOrder: Int64)
    /// Issues a coupon of a policy (nil: one that does not exist) to a user.
    case issue(label: String, policy: String?, user: Int64)
    /// Places an order; a nil product or coupon names one that does not exist.
    case place(label: String, user: Int64, items: [Item], coupon: Reference?)
    /// Pays an order (nil: one that does not exist).
    case pay(order: String?, user: Int64, key: String?)
    /// Moves the clock forward, running the jobs that fall due.
    case advance(seconds: Int64)
    /// The data platform goes down or comes back.
    case platform(up: Bool)
    /// The expiry sweep as of `ahead` seconds after now, run alongside payments (`--concurrent` only).
    case sweep(ahead: Int64)

    /// An order line.
    public struct Item: Sendable, Equatable {
        /// The product's label; nil for a product that does not exist.
        public var product: String?
        public var quantity: Int64
    }

    /// A reference to an issued coupon.
    public enum Reference: Sendable, Equatable {
        /// A coupon the run issued.
        case label(String)
        /// An id no coupon has.
        case unknown
    }

    /// A coupon policy's discount.
    public enum PolicyRule: Sendable, Equatable {
        case fixed(Int64)
        case percent(Int64, max: Int64?)
    }

    /// The name a product labelled `p3` is added with: `Product 3` (the system's and the scenario's).
    static func productName(_ label: String) -> String { "Product \(label.dropFirst())" }

    /// The name a policy labelled `cp3` is created with: `Policy 3`.
    static func policyName(_ label: String) -> String { "Policy \(label.dropFirst(2))" }

    /// The use case the action exercises, for the outcome table.
    var useCase: String {
        switch self {
        case .addProduct: "product add"
        case .charge: "point charge"
        case .restock: "product restock"
        case .createPolicy: "coupon create"
        case .issue: "coupon issue"
        case .place: "order place"
        case .pay: "pay"
        case .advance: "clock advance"
        case .platform: "dataplatform"
        case .sweep: "expiry sweep"
        }
    }
}

/// An action with the fault injected into it, if any: the unit the simulator runs, checks and replays.
public struct Step: Sendable, Equatable {
    /// Its position in the run, from 1.
    public var number: Int
    public var action: Action
    public var fault: SimulatedFault?
}

/// The id that no entity of a run has: runs create far fewer.
let unknownID: Int64 = 999_999
