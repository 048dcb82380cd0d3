import Kernel
import Synchronization

/// The platform took longer than the policy's timeout.
struct DeliveryTimedOut: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "no acknowledgement within \(after)" }
}

/// Runs `operation`, failing with ``DeliveryTimedOut`` when it takes longer than `timeout` (real time, checked by
/// the shared coarse ticker, so a delivery arms no timer of its own).
///
/// It returns on time whatever `operation` does: the operation runs on a task of its own, which is cancelled at
/// the deadline but not waited for. A task group would wait for its child, so a client that ignores
/// cancellation (a write stuck on a full or hung disk) would hold the payment's answer, and the server, with it.
func withTimeout(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + timeout
    let outcome = FirstOutcome()
    try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            outcome.install(continuation)
            let work = Task {
                do {
                    try await operation()
                    outcome.resolve(.success(()))
                } catch {
                    outcome.resolve(.failure(error))
                }
            }
            let timer = Task {
                do { try await CoarseDeadlines.shared.wait(until: deadline) } catch { return }
                outcome.resolve(.failure(DeliveryTimedOut(after: timeout)))
            }
            outcome.onResolved {
                work.cancel(); timer.cancel()
            }
        }
    } onCancel: {
        outcome.resolve(.failure(CancellationError()))
    }
}

/// The first of several racing results, handed to one continuation exactly once.
private final class FirstOutcome: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Void, any Error>?
        var result: Result<Void, any Error>?
        var cleanup: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Void, any Error>) {
        let early = state.withLock { state -> Result<Void, any Error>? in
            if state.result == nil { state.continuation = continuation }
            return state.result
        }
        if let early { continuation.resume(with: early) }  // cancelled before the continuation existed
    }

    /// Registers what to do once a result is in (runs at once when it already is).
    func onResolved(_ cleanup: @escaping @Sendable () -> Void) {
        let resolved = state.withLock { state -> Bool in
            if state.result == nil { state.cleanup = cleanup }
            return state.result != nil
        }
        if resolved { cleanup() }
    }

    func resolve(_ result: Result<Void, any Error>) {
        let taken = state.withLock { state -> (CheckedContinuation<Void, any Error>?, (@Sendable () -> Void)?)? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { (state.continuation, state.cleanup) = (nil, nil) }
            return (state.continuation, state.cleanup)
        }
        guard let taken else { return }
        taken.0?.resume(with: result)
        taken.1?()
    }
}
