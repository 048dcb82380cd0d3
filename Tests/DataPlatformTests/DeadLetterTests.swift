import Foundation
import Kernel
import TestSupport
import Testing

@testable import DataPlatform

/// Refusals park an event instead of retrying it forever; an operator requeues it; `Retry-After` is honoured.
@Suite struct DeadLetterTests {
    let clock = SimulatedClock()

    func outbox(_ client: any DataPlatformClient) async throws -> (DataPlatformService, Scheduler, Database) {
        let database = try await TestDatabase.fresh([CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)])
        let outbox = DataPlatformService(database: database, clock: clock, client: client)
        let scheduler = Scheduler(clock: clock)
        for job in outbox.module.jobs { try await scheduler.register(job) }
        try await database.write { tx in try await outbox.enqueue(PlatformEvent(eventId: "e-1", kind: "ORDER_PAID", payload: "{}"), in: tx)
        }
        return (outbox, scheduler, database)
    }

    @Test func threeRefusalsDeadLetterAnEventUntilItIsRequeued() async throws {
        let platform = InMemoryDataPlatform()
        platform.set(mode: .rejecting)
        let (outbox, scheduler, _) = try await outbox(platform)
        #expect(try await outbox.deliverNow(eventId: "e-1") != .delivered)
        let runs = try await scheduler.advance(by: .minutes(10))
        #expect(runs.flatMap(\.lines).last == "event e-1 dead-lettered (attempt 3): the data platform refused the event")
        #expect(try await outbox.counts() == OutboxCounts(pending: 0, delivered: 0, failing: 0, deadLettered: 1))
        let parked = try #require(try await outbox.events().first)
        #expect(parked.attempts == 3 && parked.rejections == 3 && parked.nextAttemptAt == nil && parked.isDeadLettered)
        #expect(try await scheduler.advance(by: .minutes(30)).flatMap(\.lines).isEmpty, "the relay leaves it alone")

        platform.set(mode: .up)
        try await outbox.requeue(eventId: "e-1")
        #expect(try await outbox.counts().pending == 1)
        _ = try await scheduler.advance(by: .seconds(10))
        #expect(try await outbox.counts() == OutboxCounts(pending: 0, delivered: 1))
        #expect(platform.received.map(\.eventId) == ["e-1"])
    }

    @Test func anOutageIsRetriedForeverAndNeverDeadLettered() async throws {
        let platform = InMemoryDataPlatform()
        platform.set(up: false)
        let (outbox, scheduler, _) = try await outbox(platform)
        _ = try await outbox.deliverNow(eventId: "e-1")
        _ = try await scheduler.advance(by: .minutes(60))
        let event = try #require(try await outbox.events().first)
        #expect(event.attempts > 50 && event.rejections == 0 && !event.isDeadLettered)
    }

    @Test func requeueingNeedsAnUndeliveredEvent() async throws {
        let (outbox, _, _) = try await outbox(InMemoryDataPlatform())
        #expect(try await outbox.deliverNow(eventId: "e-1") == .delivered)
        await #expect(throws: DomainError.self) { try await outbox.requeue(eventId: "e-1") }
        await #expect(throws: DomainError.self) { try await outbox.requeue(eventId: "nope") }
        #expect(try await outbox.requeueDeadLettered().isEmpty)
    }

    @Test func aRetryAfterPushesTheNextAttemptBackUpToTheCap() async throws {
        struct Busy: DataPlatformClient {
            let wait: Int64
            func send(_ event: PlatformEvent) async throws { throw DataPlatformUnavailable("busy", retryAfter: .seconds(wait)) }
        }
        for (asked, waited) in [(Int64(120), Int64(120)), (5, 10), (86_400, 3_600)] {
            let (outbox, _, _) = try await outbox(Busy(wait: asked))
            guard case .failed(_, let retryAt) = try await outbox.deliverNow(eventId: "e-1") else {
                Issue.record("expected a failure")
                continue
            }
            #expect(retryAt.seconds(since: clock.now()) == waited, "Retry-After \(asked)s")
        }
    }

    @Test func aLeaseThatDoesNotOutlastTheTimeoutIsRefused() {
        #expect(throws: DomainError.self) { try RelayPolicy(timeout: .seconds(25), lease: .seconds(30)).validate() }
        #expect(throws: DomainError.self) { try RelayPolicy(timeout: .milliseconds(20_001), lease: .seconds(30)).validate() }
        #expect(throws: Never.self) { try RelayPolicy(timeout: .seconds(20), lease: .seconds(30)).validate() }
        #expect(throws: Never.self) { try RelayPolicy().validate() }
    }
}
