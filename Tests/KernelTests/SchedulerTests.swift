import Kernel
import Synchronization
import Testing

/// Collects what jobs saw, for assertions.
final class Log: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite struct SchedulerTests {
    let clock = SimulatedClock()

    func job(_ name: String, every seconds: Int64, log: Log, clock: SimulatedClock) -> ScheduledJob {
        ScheduledJob(name: name, interval: .seconds(seconds)) { now in
            #expect(clock.now() == now, "the clock reads the due time while the job runs")
            log.append("\(now.timeOfDay) \(name)")
            return ["\(name) ran"]
        }
    }

    @Test func jobsFallDueInDeadlineOrderAcrossOneLongAdvance() async throws {
        let log = Log()
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(job("expiry", every: 60, log: log, clock: clock))
        try await scheduler.register(job("relay", every: 25, log: log, clock: clock))
        let runs = try await scheduler.advance(by: .seconds(130))
        #expect(
            log.all == [
                "09:00:25 relay", "09:00:50 relay", "09:01:00 expiry", "09:01:15 relay", "09:01:40 relay",
                "09:02:00 expiry", "09:02:05 relay",
            ])
        #expect(runs.map(\.job) == ["relay", "relay", "expiry", "relay", "relay", "expiry", "relay"])
        #expect(clock.now().description == "2026-01-01T09:02:10Z")
    }

    @Test func aJobDueExactlyAtTheEndOfTheIntervalRuns() async throws {
        let log = Log()
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(job("expiry", every: 60, log: log, clock: clock))
        _ = try await scheduler.advance(by: .seconds(59))
        #expect(log.all.isEmpty)
        _ = try await scheduler.advance(by: .seconds(1))
        #expect(log.all == ["09:01:00 expiry"])
        #expect(
            try await scheduler.status() == [
                JobStatus(name: "expiry", interval: .seconds(60), nextDue: Timestamp(iso8601: "2026-01-01T09:02:00Z"))
            ])
    }

    @Test func equalDeadlinesRunInRegistrationOrder() async throws {
        let log = Log()
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(job("first", every: 10, log: log, clock: clock))
        try await scheduler.register(job("second", every: 10, log: log, clock: clock))
        _ = try await scheduler.advance(to: Timestamp(iso8601: "2026-01-01T09:00:20Z"))
        #expect(log.all == ["09:00:10 first", "09:00:10 second", "09:00:20 first", "09:00:20 second"])
    }

    @Test func theClockOnlyMovesForward() async throws {
        let scheduler = Scheduler(clock: clock)
        await #expect(throws: DomainError.self) { try await scheduler.advance(to: Timestamp(iso8601: "2026-01-01T08:59:59Z")) }
        await #expect(throws: DomainError.self) { try await scheduler.advance(by: .seconds(-1)) }
        #expect(clock.now() == SimulatedClock.defaultStart)
    }

    @Test func theSystemClockCannotBeAdvanced() async {
        let scheduler = Scheduler(clock: SystemClock())
        await #expect(throws: DomainError.self) { try await scheduler.advance(by: .seconds(1)) }
    }

    @Test func aJobWithNoWorkIsSkippedWithTheSameOutcome() async throws {
        let log = Log()
        let scheduler = Scheduler(clock: clock)
        let due = try Timestamp(iso8601: "2026-01-01T09:15:00Z")
        let pending = Mutex<Timestamp?>(due)
        try await scheduler.register(
            ScheduledJob(
                name: "expiry", interval: .minutes(1), nextWork: { pending.withLock { $0 } }
            ) { now in
                log.append(now.timeOfDay)
                guard let work = pending.withLock({ $0 }), work <= now else { return [] }
                pending.withLock { $0 = nil }
                return ["expired 1"]
            })
        let runs = try await scheduler.advance(by: .seconds(30 * 24 * 3600))
        #expect(log.all == ["09:15:00"], "only the run with work happens")
        #expect(runs == [JobRun(job: "expiry", at: due, lines: ["expired 1"], failure: nil)])
        #expect(clock.now().description == "2026-01-31T09:00:00Z")
    }

    @Test func aFailingJobIsReportedAndStaysScheduled() async throws {
        struct Boom: Error {}
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(ScheduledJob(name: "flaky", interval: .seconds(10)) { _ in throw Boom() })
        let runs = try await scheduler.advance(by: .seconds(20))
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0.failure != nil })
    }

    @Test func runAllNowRunsEveryJobOnceAtTheCurrentInstant() async throws {
        let log = Log()
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(job("a", every: 60, log: log, clock: clock))
        try await scheduler.register(job("b", every: 10, log: log, clock: clock))
        let runs = await scheduler.runAllNow()
        #expect(log.all == ["09:00:00 a", "09:00:00 b"])
        #expect(runs.flatMap(\.lines) == ["a ran", "b ran"])
    }

    @Test func aZeroIntervalIsRejected() async {
        let scheduler = Scheduler(clock: clock)
        await #expect(throws: DomainError.self) {
            try await scheduler.register(ScheduledJob(name: "bad", interval: .seconds(0)) { _ in [] })
        }
    }
}

@Suite struct TraceRecorderTests {
    @Test func numbersMessagesWhileOnAndTellsTheObserver() {
        let recorder = TraceRecorder()
        recorder.record(TraceMessage("User", .call, "Order", "주문 요청"))
        #expect(recorder.messages.isEmpty, "off by default")
        let seen = Log()
        recorder.observe { seen.append("\($0.number) \($0.message)") }
        recorder.set(on: true)
        recorder.record(TraceMessage("User", .call, "Order", "주문 요청"))
        recorder.record(TraceMessage("Order", .reply, "User", "주문 생성 완료"))
        #expect(recorder.messages.map(\.number) == [1, 2])
        #expect(seen.all == ["1 User->>Order: 주문 요청", "2 Order-->>User: 주문 생성 완료"])
        recorder.clear()
        recorder.record(TraceMessage("User", .call, "Payment", "결제를 요청"))
        #expect(recorder.messages.map(\.number) == [1])
    }
}
