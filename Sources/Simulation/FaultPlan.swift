import App
import DataPlatform

/// A fault the simulator injects, at a named point the composition root offers (the contexts never know).
public enum SimulatedFault: String, Sendable, CaseIterable, Codable, Comparable {
    /// A write transaction fails before its commit (``InjectedFault/failBeforeCommit``).
    case failBeforeCommit = "fail-before-commit"
    /// A write transaction commits and the answer is lost (``InjectedFault/crashAfterCommit``); a file or
    /// PostgreSQL database is then closed and reopened, as after `kill -9`.
    case crashAfterCommit = "crash-after-commit"
    /// A write transaction hits a serialization failure once and is retried whole (``InjectedFault/serializationFailure``).
    case serializationFailure = "serialization-failure"
    /// The data platform is unreachable for a payment's delivery.
    case platformFails = "platform-fails"
    /// The data platform takes a payment's event and never answers, past the delivery timeout.
    case platformHangs = "platform-hangs"
    /// The data platform acknowledges an event twice (a duplicate delivery).
    case platformAcksTwice = "platform-acks-twice"
    /// The clock jumps hours or days ahead.
    case clockJump = "clock-jump"

    /// The rate of `--faults default`: per eligible step.
    public var defaultRate: Double {
        switch self {
        case .failBeforeCommit, .serializationFailure, .platformFails: 0.02
        case .crashAfterCommit, .platformAcksTwice: 0.01
        case .platformHangs, .clockJump: 0.005
        }
    }

    /// The fault the storage wrapper fires, for the database's faults.
    var injected: InjectedFault? {
        switch self {
        case .failBeforeCommit: .failBeforeCommit
        case .crashAfterCommit: .crashAfterCommit
        case .serializationFailure: .serializationFailure
        case .platformFails, .platformHangs, .platformAcksTwice, .clockJump: nil
        }
    }

    /// The mode the simulated platform is put in for the step, for the platform's faults.
    var platformMode: InMemoryDataPlatform.Mode? {
        switch self {
        case .platformFails: .down
        case .platformHangs: .hanging
        case .platformAcksTwice: .duplicating
        case .failBeforeCommit, .crashAfterCommit, .serializationFailure, .clockJump: nil
        }
    }

    /// Whether the payment's delivery right after its commit fails (the platform is down or hangs).
    var failsTheDelivery: Bool { self == .platformFails || self == .platformHangs }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// Which faults a run injects, each with its rate per eligible step: `--faults none|default|all|LIST`.
public struct FaultPlan: Sendable, Equatable, CustomStringConvertible {
    /// Each fault's rate, 0 to 1; a fault that is absent is never injected.
    public var rates: [SimulatedFault: Double]

    /// No faults.
    public static let none = FaultPlan(rates: [:])
    /// Every fault at its ``SimulatedFault/defaultRate``.
    public static let standard = FaultPlan(rates: Dictionary(uniqueKeysWithValues: SimulatedFault.allCases.map { ($0, $0.defaultRate) }))
    /// Every fault at 5%.
    public static let all = FaultPlan(rates: Dictionary(uniqueKeysWithValues: SimulatedFault.allCases.map { ($0, 0.05) }))

    /// A plan from its rates.
    public init(rates: [SimulatedFault: Double]) { self.rates = rates }

    /// `none`, `default`, `all`, or a comma-separated list of `NAME` (its default rate) or `NAME:RATE`.
    public init(parsing text: String) throws(SimulationError) {
        switch text {
        case "none": self = .none
        case "default": self = .standard
        case "all": self = .all
        default:
            var rates: [SimulatedFault: Double] = [:]
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let fault = SimulatedFault(rawValue: String(parts[0])) else {
                    throw SimulationError(
                        "unknown fault '\(parts[0])': use none, default, all, or a list of "
                            + SimulatedFault.allCases.map(\.rawValue).joined(separator: ", ") + " (each optionally :RATE)")
                }
                var rate = fault.defaultRate
                if parts.count == 2 {
                    guard let given = Double(parts[1]), (0...1).contains(given) else {
                        throw SimulationError("the rate of \(fault.rawValue) must be a number from 0 to 1, got '\(parts[1])'")
                    }
                    rate = given
                }
                rates[fault] = rate
            }
            self.init(rates: rates)
        }
    }

    /// The rate of `fault` (0 when absent).
    public func rate(_ fault: SimulatedFault) -> Double { rates[fault] ?? 0 }

    /// The plan as `--faults` spells it.
    public var description: String {
        if self == .none { return "none" }
        if self == .standard { return "default" }
        if self == .all { return "all" }
        return rates.keys.sorted().map { "\($0.rawValue):\(rates[$0] ?? 0)" }.joined(separator: ",")
    }
}

/// A simulation that cannot start as asked: bad options, or a database that is not empty.
public struct SimulationError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
