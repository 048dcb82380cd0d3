import Kernel
import Synchronization
import Testing

/// A wall clock the test sets, stepping it back and forward as NTP or an operator would.
final class SteppedClock: Clock {
    private let current: Mutex<Timestamp>
    init(_ start: Timestamp) { current = Mutex(start) }
    func now() -> Timestamp { current.withLock { $0 } }
    func set(_ instant: Timestamp) { current.withLock { $0 = instant } }
}

/// Counts events and lets a test wait, without sleeping, until there have been enough.
final class Rendezvous: Sendable {
    private struct State {
        var count = 0
        var waiters: [(Int, CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.count } }

    func arrive() {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.count += 1
            let count = state.count
            defer { state.waiters.removeAll { $0.0 <= count } }
            return state.waiters.filter { $0.0 <= count }.map(\.1)
        }
        for waiter in ready { waiter.resume() }
    }

    func wait(untilAtLeast target: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.count >= target { return true }
                state.waiters.append((target, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}

/// The scheduler's wake-ups, driven by the test: each `pause` waits for the next `tick`.
final class Ticks: Sendable {
    private let waiting = Mutex<[CheckedContinuation<Void, Never>]>([])
    /// How many pauses have begun.
    let pauses = Rendezvous()

    func pause(_ duration: Duration) async throws {
        #expect(duration <= .seconds(1), "the scheduler wakes at least once a second")
        await withCheckedContinuation { continuation in
            waiting.withLock { $0.append(continuation) }
            pauses.arrive()
        }
    }

    /// Wakes every loop that is paused.
    func tick() {
        for continuation in waiting.withLock({ waiting in
            defer { waiting = [] }; return waiting
        }) { continuation.resume() }
    }
}

/// The real-timer loop (`serve`), with an injected wall clock and injected wake-ups.
@Suite struct TimerSchedulerTests {
    let start = Timestamp(secondsSinceEpoch: 1_767_258_000)  // 09:00:00

    final class Runs: Sendable {
        let all = Mutex<[JobRun]>([])
        let arrived = Rendezvous()
        func report(_ run: JobRun) {
            all.withLock { $0.append(run) }
            arrived.arrive()
        }
        var times: [String] { all.withLock { $0.map { "\($0.job) \($0.at.timeOfDay)" } } }
    }

    func every(_ seconds: Int64, _ name: String) -> ScheduledJob {
        ScheduledJob(name: name, interval: .seconds(seconds)) { _ in [] }
    }

    /// A clock stepped back an hour: the job runs one interval after the new time, not an hour and a minute later
    /// (the former loop slept the wall-clock difference on a monotonic timer). Stepped forward two hours: what
    /// fell due runs at once, and once.
    @Test func aSteppedClockIsNoticedAtTheNextWake() async throws {
        let clock = SteppedClock(start)
        let scheduler = Scheduler(clock: clock)
        try await scheduler.register(every(60, "expiry"))
        let ticks = Ticks()
        let runs = Runs()
        let loop = Task { await scheduler.runOnTimers(pause: ticks.pause, report: runs.report) }
        defer { loop.cancel(); ticks.tick() }

        await ticks.pauses.wait(untilAtLeast: 1)
        clock.set(try start.adding(seconds: 60))
        ticks.tick()
        await runs.arrived.wait(untilAtLeast: 1)
        #expect(runs.times == ["expiry 09:01:00"])

        await ticks.pauses.wait(untilAtLeast: 2)
        clock.set(try start.adding(seconds: -3_600))  // 08:00:00
        ticks.tick()
        await ticks.pauses.wait(untilAtLeast: 3)
        let resynchronised = try start.adding(seconds: -3_540)
        #expect(await scheduler.status().first?.nextDue == resynchronised, "due again at 08:01:00")
        clock.set(try start.adding(seconds: -3_540))
        ticks.tick()
        await runs.arrived.wait(untilAtLeast: 2)
        #expect(runs.times.last == "expiry 08:01:00")

        await ticks.pauses.wait(untilAtLeast: 4)
        clock.set(try start.adding(seconds: 7_200))  // 11:00:00
        ticks.tick()
        await runs.arrived.wait(untilAtLeast: 3)
        await ticks.pauses.wait(untilAtLeast: 5)
        #expect(runs.times == ["expiry 09:01:00", "expiry 08:01:00", "expiry 11:00:00"], "one run for the jump, not 180")
    }

    /// Each job loops on its own task: a relay pass stuck on a slow platform does not hold up expiry.
    @Test func aSlowJobDoesNotDelayTheOthers() async throws {
        let clock = SteppedClock(start)
        let scheduler = Scheduler(clock: clock)
        let relayEntered = Rendezvous()
        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        try await scheduler.register(
            ScheduledJob(name: "relay", interval: .seconds(10)) { _ in
                guard relayEntered.count == 0 else { return [] }  // only the first pass is stuck
                await withCheckedContinuation { continuation in
                    release.withLock { $0 = continuation }
                    relayEntered.arrive()
                }
                return []
            })
        try await scheduler.register(every(60, "expiry"))
        let ticks = Ticks()
        let runs = Runs()
        let loop = Task { await scheduler.runOnTimers(pause: ticks.pause, report: runs.report) }

        await ticks.pauses.wait(untilAtLeast: 2)
        clock.set(try start.adding(seconds: 10))
        ticks.tick()
        await relayEntered.wait(untilAtLeast: 1)  // the relay is stuck from here on
        for minute in 1...3 {
            await ticks.pauses.wait(untilAtLeast: minute + 2)
            clock.set(try start.adding(seconds: 60 * Int64(minute)))
            ticks.tick()
            await runs.arrived.wait(untilAtLeast: minute)
        }
        #expect(runs.times == ["expiry 09:01:00", "expiry 09:02:00", "expiry 09:03:00"])
        release.withLock { $0 }?.resume()
        await runs.arrived.wait(untilAtLeast: 4)
        #expect(runs.times.dropFirst(3).first == "relay 09:00:10")
        loop.cancel()
        ticks.tick()
        await loop.value
    }

    /// A stop (SIGTERM) lets the run in flight finish and starts no new one; the loop then returns.
    @Test func aStopLetsTheRunInFlightFinish() async throws {
        let clock = SteppedClock(start)
        let scheduler = Scheduler(clock: clock)
        let entered = Rendezvous()
        let release = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let finished = Mutex<[String]>([])
        try await scheduler.register(
            ScheduledJob(
                name: "relay", interval: .seconds(10),
                stoppable: { _, stop in
                    var done: [String] = []
                    for event in ["e-1", "e-2", "e-3"] where !stop.isRequested {
                        if event == "e-1" {
                            await withCheckedContinuation { continuation in
                                release.withLock { $0 = continuation }
                                entered.arrive()
                            }
                        }
                        #expect(!Task.isCancelled, "the delivery in flight is not cancelled")
                        done.append(event)
                    }
                    finished.withLock { $0 = done }
                    return done
                }))
        let ticks = Ticks()
        let stop = StopSignal()
        let runs = Runs()
        let loop = Task { await scheduler.runOnTimers(stop: stop, pause: ticks.pause, report: runs.report) }
        await ticks.pauses.wait(untilAtLeast: 1)
        clock.set(try start.adding(seconds: 10))
        ticks.tick()
        await entered.wait(untilAtLeast: 1)
        stop.request()
        release.withLock { $0 }?.resume()
        await loop.value  // returns without a tick: the loop saw the stop after the run
        #expect(finished.withLock { $0 } == ["e-1"], "the event in flight finished; the pass stopped before the next")
        #expect(runs.all.withLock { $0 }.map(\.failure) == [nil])
    }
}
