import Foundation
import Synchronization

/// Where names that must never repeat come from, such as the ids of events sent outside the system.
///
/// Database-generated numbers do not qualify: after a crash that loses the last committed transactions (SQLite's
/// WAL with `synchronous=NORMAL` on a power loss), the same numbers are handed out again, and a receiver that
/// deduplicates by id would drop the new, real event.
public struct UniqueNames: Sendable {
    private let make: @Sendable () -> String

    /// Names made by `make`, which must not repeat one.
    public init(_ make: @escaping @Sendable () -> String) { self.make = make }

    public func next() -> String { make() }

    /// Random UUIDs (RFC 9562 version 4), lowercase: unique across restarts, crashes and instances.
    public static let random = UniqueNames { UUID().uuidString.lowercased() }

    /// `prefix-1`, `prefix-2`, …: reproducible output for simulations and tests, unique within one run only.
    public static func counting(_ prefix: String) -> UniqueNames {
        let counter = Counter()
        return UniqueNames { "\(prefix)-\(counter.next())" }
    }
}

private final class Counter: Sendable {
    private let value = Mutex<Int>(0)
    func next() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
