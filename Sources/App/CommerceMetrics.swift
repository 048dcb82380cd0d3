import CoreMetrics
import Kernel

/// What the running system counts, through swift-metrics with the factory it is given (`serve` gives it
/// swift-prometheus's; nil counts nothing): database transactions (time, outcome, retries), the seed's use cases
/// by outcome code, scheduled job runs, and the outbox's backlog.
public final class CommerceMetrics: DatabaseObserver {
    private let factory: any MetricsFactory

    /// Metrics made by `factory`.
    public init(factory: any MetricsFactory) { self.factory = factory }

    public func transactionEnded(_ kind: TransactionKind, duration: Duration, attempt: Int, error: DatabaseError?) {
        let kindLabel =
            switch kind {
            case .write: "write"
            case .read: "read"
            case .singleStatement: "statement"
            case .migration: "migration"
            }
        let outcome =
            switch error {
            case nil: "committed"
            case .conflict?: "conflict"
            case .unavailable?: "unavailable"
            case .some: "failed"
            }
        Timer(label: "commerce_db_transaction_duration", dimensions: [("kind", kindLabel), ("outcome", outcome)], factory: factory)
            .recordNanoseconds(duration.inNanoseconds)
        if attempt > 1 {
            Counter(label: "commerce_db_retries_total", dimensions: [("kind", kindLabel)], factory: factory).increment()
        }
    }

    /// A use case a user started ended: `outcome` is `ok` or the error's code.
    func useCaseEnded(_ useCase: String, outcome: String) {
        Counter(label: "commerce_use_cases_total", dimensions: [("use_case", useCase), ("outcome", outcome)], factory: factory).increment()
    }

    /// A scheduled job ran (the expiry sweep, the outbox relay).
    func jobRan(_ job: String, failed: Bool) {
        Counter(label: "commerce_job_runs_total", dimensions: [("job", job), ("outcome", failed ? "failed" : "ok")], factory: factory)
            .increment()
    }

    /// The outbox's backlog, read when metrics are collected.
    public func outbox(pending: Int, delivered: Int, failing: Int, deadLettered: Int) {
        Gauge(label: "commerce_outbox_events", dimensions: [("state", "pending")], factory: factory).record(pending)
        Gauge(label: "commerce_outbox_events", dimensions: [("state", "delivered")], factory: factory).record(delivered)
        Gauge(label: "commerce_outbox_events", dimensions: [("state", "failing")], factory: factory).record(failing)
        Gauge(label: "commerce_outbox_events", dimensions: [("state", "dead_lettered")], factory: factory).record(deadLettered)
    }
}
