import Foundation
import Histogram
import Kernel
import Synchronization

/// One figure of a benchmark run.
public struct BenchRow: Codable, Sendable, Equatable {
    /// The part it belongs to: `pay/disk`, `http`, `sweep`, ...
    public let part: String
    /// What was measured.
    public let measure: String
    public let value: Double
    /// Its unit: `pays/s`, `ms`, `ratio`, `MiB`.
    public let unit: String

    public init(_ part: String, _ measure: String, _ value: Double, _ unit: String) {
        self.part = part
        self.measure = measure
        self.value = value
        self.unit = unit
    }
}

/// Latencies in microseconds, recorded from many tasks.
final class Latencies: Sendable {
    private let histogram = Mutex(Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three))

    func record(_ duration: Duration) {
        let micros = UInt64(max(1, duration.inNanoseconds / 1000))
        histogram.withLock { _ = $0.record(micros) }
    }

    /// The value at a percentile, in milliseconds.
    func milliseconds(at percentile: Double) -> Double {
        Double(histogram.withLock { $0.valueAtPercentile(percentile) }) / 1000
    }
}

/// Seconds elapsed while running `body`.
func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    return (ContinuousClock.now - start).inSeconds
}

/// Runs `count` operations with `callers` concurrent callers, each taking the next index; records each latency.
func drive(_ count: Int, callers: Int, latencies: Latencies, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
    let next = Counter()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<callers {
            group.addTask {
                while true {
                    let index = next.take()
                    guard index < count else { return }
                    let start = ContinuousClock.now
                    try await operation(index)
                    latencies.record(ContinuousClock.now - start)
                }
            }
        }
        try await group.waitForAll()
    }
}

/// Hands out 0, 1, 2, ... to concurrent callers.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// A path for a benchmark database file, removed with its WAL files by `removeDatabase`.
func temporaryDatabase() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("commerce-bench-\(UUID().uuidString).sqlite").path
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

/// This process's peak resident memory, in MiB.
public func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Context switches of the whole process so far (voluntary and involuntary): a thread hand-off costs about two.
func contextSwitches() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_nvcsw + usage.ru_nivcsw
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
