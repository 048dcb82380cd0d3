/// Runs the periodic jobs, on real timers with the system clock or on demand with the simulated clock.
///
/// With a ``SimulatedClock``, ``advance(to:)`` runs every job that falls due inside the interval in deadline
/// order, with the clock set to each due time before the job runs (the semantics of SwiftNIO's
/// `EmbeddedEventLoop.advanceTime` and swift-clocks' `TestClock`), so `clock advance 15m` expires exactly the
/// orders a real deployment would have expired, at the instants it would have.
public actor Scheduler {
    private struct Entry {
        let job: ScheduledJob
        var nextDue: Timestamp
    }

    private let clock: any Clock
    private let simulated: SimulatedClock?
    /// The instant the grids are counted from.
    public nonisolated let origin: Timestamp
    private var entries: [Entry] = []

    /// A scheduler on `clock`, whose grids start at the clock's current instant.
    public init(clock: any Clock) {
        self.clock = clock
        self.simulated = clock as? SimulatedClock
        self.origin = clock.now()
    }

    /// Adds a job; it first falls due one interval after the origin.
    public func register(_ job: ScheduledJob) throws(DomainError) {
        try Validate.positive(job.interval.seconds, "job interval")
        entries.append(Entry(job: job, nextDue: grid(after: origin, every: job.interval)))
    }

    /// Every job with its interval and next due time, in registration order.
    public func status() -> [JobStatus] {
        entries.map { JobStatus(name: $0.job.name, interval: $0.job.interval, nextDue: $0.nextDue) }
    }

    /// Runs every job once, now, whatever the schedule says (`scheduler run`). Each job's own query decides
    /// what is due.
    public func runAllNow() async -> [JobRun] {
        let now = clock.now()
        var runs: [JobRun] = []
        for index in entries.indices { runs.append(await run(index, at: now)) }
        return runs
    }

    /// Moves the simulated clock forward by `span`, running what falls due on the way.
    public func advance(by span: TimeSpan) async throws(DomainError) -> [JobRun] {
        try Validate.nonNegative(span.seconds, "duration")
        return try await advance(to: clock.now().adding(seconds: span.seconds))
    }

    /// Moves the simulated clock to `target`, running every job that falls due at or before it, in deadline
    /// order (registration order breaks ties), each with the clock set to its due time. A job due exactly at
    /// `target` runs.
    public func advance(to target: Timestamp) async throws(DomainError) -> [JobRun] {
        guard let simulated else { throw .invalid("only the simulated clock can be moved") }
        guard target >= simulated.now() else {
            throw .invalid("the clock only moves forward: \(target) is before \(simulated.now())")
        }
        var runs: [JobRun] = []
        while let (index, due) = await earliestDue(notAfter: target) {
            try simulated.move(to: due)
            runs.append(await run(index, at: due))
        }
        try simulated.move(to: target)
        for index in entries.indices where entries[index].nextDue <= target {
            entries[index].nextDue = grid(after: target, every: entries[index].job.interval)
        }
        return runs
    }

    /// Runs the jobs on real timers until `stop` is requested or the task is cancelled, calling `report` after
    /// each run.
    ///
    /// Each job loops on a task of its own, so a slow relay pass does not hold up the expiry sweep. Each loop
    /// wakes at least once a second (`pause` is the sleep, injectable so tests drive the wake-ups) and reads the
    /// clock again: after a clock steps forward, what fell due runs at once; after it steps back, the job's next
    /// due time comes back with it instead of waiting out the difference. A stop takes effect between runs and,
    /// inside a run, at the job's own safe points, so the work in flight finishes; cancellation interrupts it.
    public func runOnTimers(
        stop: StopSignal = StopSignal(),
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        report: @escaping @Sendable (JobRun) -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            for index in entries.indices {
                group.addTask { await self.loopOnTimers(index, stop: stop, pause: pause, report: report) }
            }
        }
    }

    /// One job's loop on real timers.
    private func loopOnTimers(
        _ index: Int, stop: StopSignal, pause: @Sendable (Duration) async throws -> Void, report: @Sendable (JobRun) -> Void
    ) async {
        while !Task.isCancelled, !stop.isRequested {
            let now = clock.now()
            let due = nextDueOnTimers(index, now: now)
            if due <= now {
                report(await run(index, at: now, stop: stop))
                continue
            }
            do { try await pause(min(.seconds(1), .seconds(due.seconds(since: now)))) } catch { return }
        }
    }

    /// The job's next due time as of `now`, brought back onto the grid after `now` when the clock stepped back.
    private func nextDueOnTimers(_ index: Int, now: Timestamp) -> Timestamp {
        let resynchronised = grid(after: now, every: entries[index].job.interval)
        if entries[index].nextDue > resynchronised { entries[index].nextDue = resynchronised }
        return entries[index].nextDue
    }

    /// The job that falls due first at or before `target`, skipping grid points at which a job's
    /// ``ScheduledJob/nextWork`` says it would do nothing.
    private func earliestDue(notAfter target: Timestamp) async -> (Int, Timestamp)? {
        var best: (Int, Timestamp)?
        for (index, entry) in entries.enumerated() where entry.nextDue <= target {
            var due = entry.nextDue
            if let nextWork = entry.job.nextWork {
                let work: Timestamp?
                do { work = try await nextWork() } catch { work = entry.nextDue }  // a failing hint hides no work
                guard let work else { continue }
                due = max(due, grid(atOrAfter: work, every: entry.job.interval))
            }
            if due <= target, due < best?.1 ?? .init(rawValue: .max) { best = (index, due) }
        }
        return best
    }

    private func run(_ index: Int, at instant: Timestamp, stop: StopSignal = StopSignal()) async -> JobRun {
        let job = entries[index].job
        entries[index].nextDue = grid(after: instant, every: job.interval)
        do {
            return JobRun(job: job.name, at: instant, lines: try await job.run(instant, stop), failure: nil)
        } catch {
            return JobRun(job: job.name, at: instant, lines: [], failure: String(describing: error))
        }
    }

    /// The first grid point strictly after `instant`, which may lie before the origin (a clock stepped back).
    private func grid(after instant: Timestamp, every interval: TimeSpan) -> Timestamp {
        let elapsed = instant.seconds(since: origin)
        let wholeIntervals = elapsed >= 0 ? elapsed / interval.seconds : -((-elapsed + interval.seconds - 1) / interval.seconds)
        return Timestamp(rawValue: origin.rawValue + (wholeIntervals + 1) * interval.seconds)
    }

    /// The first grid point at or after `instant`.
    private func grid(atOrAfter instant: Timestamp, every interval: TimeSpan) -> Timestamp {
        grid(after: Timestamp(rawValue: instant.rawValue - 1), every: interval)
    }
}
