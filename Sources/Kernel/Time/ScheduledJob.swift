/// A periodic job: order expiry, outbox relay. Contexts describe their jobs; the composition root registers
/// them on the one ``Scheduler``.
public struct ScheduledJob: Sendable {
    /// A short name for status listings and logs, such as `order-expiry`.
    public let name: String
    /// How often the job falls due. Due times lie on the grid of this interval counted from the scheduler's
    /// origin (every whole minute, every 10 seconds).
    public let interval: TimeSpan
    /// Runs the job as of `now` and returns one line per thing it did (`expired order 3`), empty when idle.
    /// A job doing several things in one run checks `stop` between them and returns early once it is requested.
    public let run: @Sendable (_ now: Timestamp, _ stop: StopSignal) async throws -> [String]
    /// The earliest instant at which the job could have anything to do, or nil for "nothing until some other
    /// work creates some". Lets a long simulated `advance` skip the runs that would do nothing, with exactly
    /// the same outcome as running them all. A job without it runs at every grid point.
    public let nextWork: (@Sendable () async throws -> Timestamp?)?

    /// Describes a periodic job whose run checks `stop` between the things it does.
    public init(
        name: String,
        interval: TimeSpan,
        nextWork: (@Sendable () async throws -> Timestamp?)? = nil,
        stoppable run: @escaping @Sendable (_ now: Timestamp, _ stop: StopSignal) async throws -> [String]
    ) {
        self.name = name
        self.interval = interval
        self.nextWork = nextWork
        self.run = run
    }

    /// Describes a periodic job whose run is one short piece of work.
    public init(
        name: String,
        interval: TimeSpan,
        nextWork: (@Sendable () async throws -> Timestamp?)? = nil,
        run: @escaping @Sendable (_ now: Timestamp) async throws -> [String]
    ) {
        self.init(name: name, interval: interval, nextWork: nextWork, stoppable: { now, _ in try await run(now) })
    }
}

/// What one run of a job did.
public struct JobRun: Sendable, Equatable {
    /// The job's name.
    public let job: String
    /// The instant the job ran as of.
    public let at: Timestamp
    /// One line per thing the job did.
    public let lines: [String]
    /// Why the run failed, when it did. A failed run is reported and the job stays scheduled.
    public let failure: String?

    /// What one run of a job did.
    public init(job: String, at: Timestamp, lines: [String], failure: String?) {
        (self.job, self.at, self.lines, self.failure) = (job, at, lines, failure)
    }
}

/// A job's place in the schedule, for `scheduler status`.
public struct JobStatus: Sendable, Equatable {
    /// The job's name.
    public let name: String
    /// How often it falls due.
    public let interval: TimeSpan
    /// The next grid point at which it is due.
    public let nextDue: Timestamp

    /// A job's place in the schedule.
    public init(name: String, interval: TimeSpan, nextDue: Timestamp) {
        (self.name, self.interval, self.nextDue) = (name, interval, nextDue)
    }
}
