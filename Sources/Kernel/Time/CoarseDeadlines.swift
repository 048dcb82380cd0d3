import Synchronization

/// Deadlines checked by one shared ticker every `resolution` of real time, for timeouts that are far longer than
/// that (a 2 s delivery timeout checked every 50 ms). Waiting on one costs no timer of its own: a `Task.sleep`
/// per operation arms and cancels a dispatch timer each time, a thread wake-up on the hot path of every payment.
public final class CoarseDeadlines: Sendable {
    /// The process's ticker, at 50 ms.
    public static let shared = CoarseDeadlines(resolution: .milliseconds(50))

    private struct Waiter {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var nextID = 0
        var waiters: [Int: Waiter] = [:]
        var ticking = false
    }

    private let resolution: Duration
    private let state = Mutex(State())

    /// A ticker checking its deadlines every `resolution`.
    public init(resolution: Duration) { self.resolution = resolution }

    /// Returns once `deadline` has passed (within the resolution), or throws `CancellationError` as soon as the
    /// calling task is cancelled.
    public func wait(until deadline: ContinuousClock.Instant) async throws {
        // A deadline already passed needs no tick: under load, the ticker's first tick can come late.
        guard deadline > .now else { return try Task.checkCancellation() }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let startTicker = state.withLock { state -> Bool in
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                        return false
                    }
                    state.waiters[id] = Waiter(deadline: deadline, continuation: continuation)
                    defer { state.ticking = true }
                    return !state.ticking
                }
                if startTicker { tick() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Wakes every `resolution` while anyone waits, and stops when nobody does.
    private func tick() {
        Task.detached { [self] in
            while true {
                try? await Task.sleep(for: resolution)
                let now = ContinuousClock.now
                let (due, more) = state.withLock { state -> ([Waiter], Bool) in
                    let due = state.waiters.filter { $0.value.deadline <= now }
                    for id in due.keys { state.waiters.removeValue(forKey: id) }
                    state.ticking = !state.waiters.isEmpty
                    return (Array(due.values), state.ticking)
                }
                for waiter in due { waiter.continuation.resume() }
                if !more { return }
            }
        }
    }
}
