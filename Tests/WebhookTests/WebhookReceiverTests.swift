import DataPlatform
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kernel
import Synchronization
import TestSupport
import Testing

@testable import DataPlatformWebhook

/// A real HTTP receiver (Hummingbird, in process) that answers as the test scripts it.
final class ScriptedReceiver: Sendable {
    enum Answer: Sendable {
        case status(HTTPResponse.Status, retryAfter: String? = nil)
        case hang(Duration)
        case redirect(to: String)
    }

    private struct State {
        var script: [Answer] = []
        var posts: [(key: String?, body: String)] = []
        var gets = 0
    }

    private let state = Mutex(State())

    func script(_ answers: Answer...) { state.withLock { $0.script += answers } }
    var posts: [(key: String?, body: String)] { state.withLock { $0.posts } }
    var gets: Int { state.withLock { $0.gets } }

    var router: Router<BasicRequestContext> {
        let router = Router()
        router.post("/events") { request, context -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let answer = self.state.withLock { state -> Answer in
                state.posts.append((request.headers[HTTPField.Name("Idempotency-Key")!], String(buffer: body)))
                return state.script.isEmpty ? .status(.ok) : state.script.removeFirst()
            }
            switch answer {
            case .status(let status, let retryAfter):
                var headers = HTTPFields()
                if let retryAfter { headers[HTTPField.Name("Retry-After")!] = retryAfter }
                return Response(status: status, headers: headers)
            case .hang(let duration):
                try await Task.sleep(for: duration)
                return Response(status: .ok)
            case .redirect(let location):
                return Response(status: .found, headers: [.location: location])
            }
        }
        // Where a redirect points: a followed redirect would reach it as a body-less GET and answer 200.
        router.get("/elsewhere") { _, _ -> HTTPResponse.Status in
            self.state.withLock { $0.gets += 1 }
            return .ok
        }
        return router
    }

    /// Runs `body` with the receiver listening on a free port; `body` gets its events URL.
    func serve(_ body: @Sendable (String) async throws -> Void) async throws {
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body("http://127.0.0.1:\(port)/events")
        }
    }
}

@Suite struct WebhookReceiverTests {
    let clock = SimulatedClock()

    func outbox(url: String, timeout: Duration = .seconds(1)) async throws -> (DataPlatformService, Scheduler, WebhookDataPlatform) {
        let database = try await TestDatabase.fresh([CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)])
        let webhook = WebhookDataPlatform(url: url, clock: clock)
        let outbox = DataPlatformService(database: database, clock: clock, client: webhook, policy: RelayPolicy(timeout: timeout))
        let scheduler = Scheduler(clock: clock)
        for job in outbox.module.jobs { try await scheduler.register(job) }
        try await database.write { tx in
            try await outbox.enqueue(PlatformEvent(eventId: "e-1", kind: "ORDER_PAID", payload: "{\"orderId\":1}"), in: tx)
        }
        return (outbox, scheduler, webhook)
    }

    /// 500, a hang past the timeout, a redirect, 404, 404: two failures retried, three refusals, dead-lettered;
    /// the redirect is not followed. Then the receiver recovers and the requeued event is delivered once.
    @Test func aReceiverThatFailsHangsRedirectsAndRefusesThenRecovers() async throws {
        let receiver = ScriptedReceiver()
        receiver.script(
            .status(.internalServerError), .hang(.seconds(8)), .redirect(to: "/elsewhere"), .status(.notFound), .status(.notFound))
        try await receiver.serve { url in
            // A 3 s timeout: long enough for a loaded machine's answers, short of the 8 s hang.
            let (outbox, scheduler, webhook) = try await outbox(url: url, timeout: .seconds(3))
            guard case .failed(let reason, _) = try await outbox.deliverNow(eventId: "e-1") else { throw Unexpected("first attempt") }
            #expect(reason == "the webhook answered 500")
            let lines = try await scheduler.advance(by: .minutes(5)).flatMap(\.lines)
            #expect(lines.count == 4, "\(lines)")
            #expect(lines[0].contains("no acknowledgement within"), "the hang timed out: \(lines[0])")
            #expect(lines[1].contains("the webhook answered 302"))
            #expect(lines[3] == "event e-1 dead-lettered (attempt 5): the webhook answered 404")
            #expect(receiver.gets == 0, "the redirect was not followed")
            let parked = try #require(try await outbox.events().first)
            #expect(parked.isDeadLettered && parked.rejections == 3 && parked.attempts == 5)

            try await outbox.requeue(eventId: "e-1")
            _ = try await scheduler.advance(by: .seconds(10))
            #expect(try await outbox.counts() == OutboxCounts(pending: 0, delivered: 1))
            #expect(receiver.posts.count == 6)
            #expect(receiver.posts.allSatisfy { $0.key == "e-1" })
            #expect(receiver.posts.last?.body == "{\"eventId\":\"e-1\",\"kind\":\"ORDER_PAID\",\"payload\":{\"orderId\":1}}")
            await webhook.shutdown()
        }
    }

    @Test(arguments: [
        (HTTPResponse.Status.tooManyRequests, "120", Int64(120)), (.serviceUnavailable, "5", 10), (.requestTimeout, "abc", 10),
    ])
    func aRetryAfterOfAnOverloadedReceiverIsHonoured(status: HTTPResponse.Status, header: String, waited: Int64) async throws {
        let receiver = ScriptedReceiver()
        receiver.script(.status(status, retryAfter: header))
        try await receiver.serve { url in
            // The receiver answers at once; the long timeout keeps a loaded machine from turning the answer into a timeout.
            let (outbox, _, webhook) = try await outbox(url: url, timeout: .seconds(10))
            guard case .failed(_, let retryAt) = try await outbox.deliverNow(eventId: "e-1") else { throw Unexpected("a failure") }
            #expect(retryAt.seconds(since: clock.now()) == waited)
            #expect(try #require(try await outbox.events().first).rejections == 0, "\(status.code) is not a refusal")
            await webhook.shutdown()
        }
    }

    @Test func anHTTPDateRetryAfterIsAWaitFromNow() {
        let now = Timestamp(secondsSinceEpoch: 1_767_258_000)  // 2026-01-01T09:00:00Z
        #expect(WebhookDataPlatform.retryAfter("Thu, 01 Jan 2026 09:02:00 GMT", now: now) == .seconds(120))
        #expect(WebhookDataPlatform.retryAfter("Thu, 01 Jan 2026 08:00:00 GMT", now: now) == .seconds(0))
        #expect(WebhookDataPlatform.retryAfter("soon", now: now) == nil)
    }

    @Test func anUnreachableReceiverIsAnOutageNotARefusal() async throws {
        let (outbox, _, webhook) = try await outbox(url: "http://127.0.0.1:1/events")
        guard case .failed(let reason, _) = try await outbox.deliverNow(eventId: "e-1") else { throw Unexpected("a failure") }
        // AsyncHTTPClient retries a refused connection until the request's deadline, so the relay's timeout ends it.
        #expect(reason.contains("did not answer") || reason.contains("no acknowledgement within"), "\(reason)")
        #expect(try #require(try await outbox.events().first).rejections == 0)
        await webhook.shutdown()
    }
}

struct Unexpected: Error, CustomStringConvertible {
    let expected: String
    init(_ expected: String) { self.expected = expected }
    var description: String { "expected \(expected)" }
}
