import Foundation
import Kernel
import TestSupport
import Testing

@testable import DataPlatform

@Suite struct OutboxTests {
    let clock = SimulatedClock()

    struct Fixture {
        let database: Database
        let platform: InMemoryDataPlatform
        let outbox: DataPlatformService
        let scheduler: Scheduler
    }

    func fixture(client: (any DataPlatformClient)? = nil, policy: RelayPolicy = RelayPolicy()) async throws -> Fixture {
        let database = try await TestDatabase.fresh([CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)])
        let platform = InMemoryDataPlatform()
        let outbox = DataPlatformService(database: database, clock: clock, client: client ?? platform, policy: policy)
        let scheduler = Scheduler(clock: clock)
        for job in outbox.module.jobs { try await scheduler.register(job) }
        return Fixture(database: database, platform: platform, outbox: outbox, scheduler: scheduler)
    }

    func event(_ n: Int) -> PlatformEvent { PlatformEvent(eventId: "order-\(n)-paid", kind: "ORDER_PAID", payload: "{\"orderId\":\(n)}") }

    @Test func anEnqueuedEventIsDeliveredOnceRightAway() async throws {
        let f = try await fixture()
        try await f.database.write { tx in try await f.outbox.enqueue(event(1), in: tx) }
        #expect(try await f.outbox.counts() == OutboxCounts(pending: 1, delivered: 0))
        #expect(try await f.outbox.deliverNow(eventId: "order-1-paid") == .delivered)
        #expect(try await f.outbox.deliverNow(eventId: "order-1-paid") == .skipped)
        #expect(try await f.outbox.deliverNow(eventId: "unknown") == .skipped)
        #expect(f.platform.received == [event(1)])
        #expect(f.platform.deliveryCount == 1)
        let stored = try #require(try await f.outbox.events().first)
        #expect(stored.attempts == 1)
        #expect(stored.deliveredAt == clock.now())
        #expect(stored.nextAttemptAt == nil)
        #expect(try await f.outbox.counts() == OutboxCounts(pending: 0, delivered: 1))
    }

    @Test func anEventIsWrittenOnlyIfItsTransactionCommits() async throws {
        struct Abort: Error {}
        let f = try await fixture()
        await #expect(throws: Abort.self) {
            try await f.database.write { tx in
                try await f.outbox.enqueue(event(1), in: tx)
                throw Abort()
            }
        }
        #expect(try await f.outbox.events().isEmpty)
    }

    @Test func duringAnOutageTheRelayRetriesWithBackoffAndDeliversOnceAfterRecovery() async throws {
        let f = try await fixture()
        f.platform.set(up: false)
        try await f.database.write { tx in try await f.outbox.enqueue(event(1), in: tx) }
        guard case .failed(_, let retryAt) = try await f.outbox.deliverNow(eventId: "order-1-paid") else {
            Issue.record("expected a failed attempt")
            return
        }
        #expect(retryAt.description == "2026-01-01T09:00:10Z")
        let down = try await f.scheduler.advance(by: .minutes(3))
        // Attempts at 09:00:10, then 20 s, 40 s and 60 s apart.
        #expect(down.map(\.at.timeOfDay) == ["09:00:10", "09:00:30", "09:01:10", "09:02:10"])
        #expect(down.allSatisfy { $0.lines.first?.contains("not delivered") == true })
        #expect(try await f.outbox.events().first?.attempts == 5)
        #expect(f.platform.received.isEmpty)
        f.platform.set(up: true)
        let up = try await f.scheduler.advance(by: .minutes(2))
        #expect(up.flatMap(\.lines) == ["delivered event order-1-paid (attempt 6)"])
        #expect(up.first?.at.timeOfDay == "09:03:10", "within a minute of recovery")
        #expect(f.platform.received == [event(1)])
        #expect(f.platform.deliveryCount == 1)
        #expect(try await f.outbox.counts() == OutboxCounts(pending: 0, delivered: 1))
    }

    @Test func theRelayKeepsOffAnEventWhoseFirstAttemptIsInProgress() async throws {
        let f = try await fixture()
        try await f.database.write { tx in try await f.outbox.enqueue(event(1), in: tx) }
        #expect(try await f.outbox.relay(at: clock.now()).isEmpty, "the immediate attempt holds a lease")
        #expect(try await f.outbox.relay(at: clock.now().adding(seconds: 30)) == ["delivered event order-1-paid (attempt 1)"])
        #expect(f.platform.deliveryCount == 1)
    }

    @Test func concurrentRelaysSendEachEventOnce() async throws {
        let (database, path) = try await TestDatabase.concurrent([
            CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)
        ])
        defer { TestDatabase.remove(path) }
        let platform = InMemoryDataPlatform()
        let outbox = DataPlatformService(database: database, clock: clock, client: platform)
        for n in 1...20 { try await database.write { tx in try await outbox.enqueue(event(n), in: tx) } }
        let later = try clock.now().adding(seconds: 60)
        let lines = await concurrently(8) { _ in (try? await outbox.relay(at: later)) ?? [] }
        #expect(lines.flatMap { $0 }.count == 20)
        #expect(platform.deliveryCount == 20)
        #expect(platform.received.count == 20)
        try await database.close()
    }

    @Test func aPlatformThatDoesNotAnswerTimesOut() async throws {
        struct Silent: DataPlatformClient {
            func send(_ event: PlatformEvent) async throws { try await Task.sleep(for: .seconds(3600)) }
        }
        let f = try await fixture(client: Silent(), policy: RelayPolicy(timeout: .milliseconds(50)))
        try await f.database.write { tx in try await f.outbox.enqueue(event(1), in: tx) }
        guard case .failed(let reason, _) = try await f.outbox.deliverNow(eventId: "order-1-paid") else {
            Issue.record("expected a timeout")
            return
        }
        #expect(reason.contains("no acknowledgement within"))
        #expect(try await f.outbox.counts() == OutboxCounts(pending: 1, delivered: 0, failing: 1))
    }

    /// A client that ignores cancellation (a blocking call underneath): the timeout returns on time anyway. The
    /// former timeout was a task group, which waits for its children, so it returned when the client did.
    @Test func aClientThatIgnoresCancellationStillTimesOutOnTime() async throws {
        struct Deaf: DataPlatformClient {
            func send(_ event: PlatformEvent) async throws {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 10) { done.resume() }  // deaf to cancellation
                }
            }
        }
        let f = try await fixture(client: Deaf(), policy: RelayPolicy(timeout: .milliseconds(100)))
        try await f.database.write { tx in try await f.outbox.enqueue(event(1), in: tx) }
        let started = ContinuousClock.now
        let outcome = try await f.outbox.deliverNow(eventId: "order-1-paid")
        let took = ContinuousClock.now - started
        // Far below the client's 10 s and far above the 100 ms timeout: a loaded machine (the suite runs in
        // parallel) delays the answer by seconds, never by ten.
        #expect(took < .seconds(5), "returned after \(took)")
        guard case .failed(let reason, _) = outcome else {
            Issue.record("expected a timeout, got \(outcome)")
            return
        }
        #expect(reason.contains("no acknowledgement within"))
    }

    @Test(arguments: [(1 as Int64, 10 as Int64), (2, 20), (3, 40), (4, 60), (5, 60), (1_000, 60)])
    func retryDelaysDoubleUpToAMinute(attempts: Int64, seconds: Int64) {
        #expect(RelayPolicy().retryDelay(afterAttempts: attempts) == .seconds(seconds))
    }
}

@Suite struct JSONLinesTests {
    @Test func appendsOneJSONDocumentPerEvent() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        defer { TestDatabase.remove(path) }
        let sink = JSONLinesDataPlatform(path: path)
        try await sink.send(PlatformEvent(eventId: "order-1-paid", kind: "ORDER_PAID", payload: "{\"orderId\":1}"))
        try await sink.send(PlatformEvent(eventId: "order-\"2\"-paid", kind: "ORDER_PAID", payload: "{\"orderId\":2}"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "ORDER_PAID")
            #expect((object["payload"] as? [String: Any])?["orderId"] != nil)
        }
        #expect(lines[1].contains(#""eventId":"order-\"2\"-paid""#))
    }

    @Test func anUnwritablePathIsAFailedDelivery() async {
        let sink = JSONLinesDataPlatform(path: "/nonexistent-directory/events.jsonl")
        await #expect(throws: DataPlatformUnavailable.self) {
            try await sink.send(PlatformEvent(eventId: "e", kind: "k", payload: "{}"))
        }
    }
}

/// Two relay instances and a lease that ran out: the instance that took the event over owns it, and the late
/// failure of the first instance does not reschedule it under the new owner.
@Suite struct OutboxLeaseTests {
    @Test func aLateFailureOfTheFormerOwnerDoesNotRescheduleTheEvent() async throws {
        let clock = SimulatedClock()
        let database = try await TestDatabase.fresh([CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)])
        let outbox = DataPlatformService(database: database, clock: clock, client: InMemoryDataPlatform(), owner: "first")
        try await database.write { tx in
            try await outbox.enqueue(PlatformEvent(eventId: "e-1", kind: "ORDER_PAID", payload: "{}"), in: tx)
        }
        let id = try #require(try await outbox.events().first?.id)
        let lease: Int64 = 30
        let due = try clock.now().adding(seconds: lease)  // the immediate attempt's lease has passed
        let later = try due.adding(seconds: lease)  // and the first relay's lease too
        let claims = try await database.write { tx in
            let store = OutboxStore(tx: tx)
            return (
                try await store.claim(id, now: due, until: try due.adding(seconds: lease), owner: "first"),
                try await store.claim(id, now: due, until: try due.adding(seconds: lease), owner: "second"),
                try await store.claim(id, now: later, until: try later.adding(seconds: lease), owner: "second")
            )
        }
        #expect(claims.0, "the first relay claims the due event")
        #expect(!claims.1, "no second sender while the first one's lease lasts")
        #expect(claims.2, "the second relay takes it over once that lease has run out")
        let recorded = try await database.write { tx in
            try await OutboxStore(tx: tx).markFailed("e-1", owner: "first", error: "late", rejected: false)
        }
        #expect(recorded == nil, "the former owner's late failure records nothing")
        let stored = try #require(try await outbox.events().first)
        #expect(stored.nextAttemptAt == (try later.adding(seconds: lease)), "the new owner's lease stands")
        #expect(stored.attempts == 0)
        #expect(stored.lastError == nil)
    }
}
