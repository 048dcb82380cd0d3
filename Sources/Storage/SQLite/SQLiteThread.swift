import Dispatch

/// A serial executor for one SQLite connection: every job of a transaction runs here, so the statements of a
/// use case execute synchronously on the thread that owns the connection, and a use case costs one hop there
/// and one back instead of one per statement (docs/decisions/0001-storage.md).
///
/// Used as a task executor preference (SE-0417): nonisolated async code the transaction calls (stores, ports,
/// use cases) stays on it.
final class SQLiteThread: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is thread-safe and never replaced.
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
