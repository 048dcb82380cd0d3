import App
import Foundation
import HTTPServer
import HTTPTypes
import Kernel
import TestSupport
import Testing

/// A fault of the server is the server's: 503 with Retry-After when the database is busy, 500 (logged) for data
/// that does not decode; never a 400. And what operators read: /metrics, pages, the request id.
@Suite struct FaultAndOperationsTests {
    @Test(.enabled(if: TestEngine.current == .sqlite, "SQLite's file lock"))
    func aDatabaseHeldByAnotherConnectionIs503WithRetryAfter() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let harness = try await HTTPHarness.start(path: path, busyTimeout: .milliseconds(200))
        // Another process's connection takes the write lock and keeps it while the request runs.
        let holder = Database(engine: try SQLiteEngine.open(SQLiteSettings(storage: .file(path: path))))
        let (held, hold) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let holding = Task {
            try await holder.write { tx in
                try await tx.execute("UPDATE products SET stock = stock")  // the write lock, not just BEGIN
                hold.yield()
                for await _ in release {}
            }
        }
        for await _ in held { break }
        try await harness.test { (client: Client) async throws in
            let reply = try await client.post("/api/v1/products", #"{"name":"Pen","price":1,"stock":1}"#)
            #expect(reply.status == .serviceUnavailable, "\(reply.body)")
            #expect(reply.code == "UNAVAILABLE")
            #expect(reply.headers[.retryAfter] == "1")
            #expect(reply.string("requestId")?.isEmpty == false)
        }
        releasing.finish()
        try await holding.value
        try await harness.test { (client: Client) async throws in
            #expect(
                try await client.post("/api/v1/products", #"{"name":"Pen","price":1,"stock":1}"#).status == .created, "and after it, fine")
        }
        try await holder.close()
    }

    @Test func aCorruptStatusIs500NotPending() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { (client: Client) async throws in
            try await client.seed()
            #expect(try await client.post("/api/v1/orders", #"{"items":[{"productId":1,"quantity":1}]}"#).status == .created)
        }
        try await harness.app.database.write { tx in try await tx.execute("UPDATE orders SET status = 'BOGUS'") }
        try await harness.test { (client: Client) async throws in
            let reply = try await client.get("/api/v1/orders/1")
            #expect(reply.status == .internalServerError, "\(reply.body)")
            #expect(reply.code == "INTERNAL")
            #expect(!reply.body.contains("PENDING"))
        }
        await #expect(throws: DatabaseError.self) { _ = try await harness.app.orders.order(OrderID(rawValue: 1)) }
        // The same for a ledger entry of an unknown kind: an error, not a CHARGE.
        try await harness.app.database.write { tx in try await tx.execute("UPDATE point_entries SET kind = 'GIFT'") }
        try await harness.test { (client: Client) async throws in
            let reply = try await client.get("/api/v1/users/1/points/history")
            #expect(reply.status == .internalServerError, "\(reply.body)")
            #expect(!reply.body.contains("CHARGE"))
        }
    }

    @Test func metricsShowTheSeedsFlows() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { (client: Client) async throws in
            try await client.seed()
            #expect(try await client.post("/api/v1/orders", #"{"items":[{"productId":1,"quantity":1}]}"#).status == .created)
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1}"#).status == .created)
            #expect(try await client.post("/api/v1/orders", #"{"items":[{"productId":1,"quantity":99}]}"#).status == .conflict)
            let text = try await client.with(token: nil).get("/metrics").body
            #expect(text.contains(#"commerce_use_cases_total{use_case="Order",outcome="ok"} 1"#), "\(text)")
            #expect(text.contains(#"commerce_use_cases_total{use_case="Order",outcome="OUT_OF_STOCK"} 1"#))
            #expect(text.contains(#"commerce_use_cases_total{use_case="Payment",outcome="ok"} 1"#))
            #expect(text.contains("commerce_http_requests_total{"))
            #expect(text.contains(#"status="201""#))
            #expect(text.contains("commerce_db_transaction_duration"))
            #expect(text.contains(#"commerce_outbox_events{state="delivered"} 1"#))
        }
    }

    @Test func metricsCountDeadLetteredEvents() async throws {
        let harness = try await HTTPHarness.start()
        try #require(harness.app.dataPlatformRecorder).set(mode: .rejecting)
        try await harness.test { (client: Client) async throws in
            #expect(try await client.post("/api/v1/products", #"{"name":"Pen","price":1000,"stock":5}"#).status == .created)
            #expect(try await client.post("/api/v1/users/1/points/charge", #"{"amount":5000}"#).status == .ok)
            #expect(try await client.post("/api/v1/orders", #"{"items":[{"productId":1,"quantity":1}]}"#).status == .created)
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1}"#).status == .created, "a refusal never fails a payment")
            _ = try await harness.app.scheduler.advance(by: .minutes(2))
            let text = try await client.with(token: nil).get("/metrics").body
            #expect(text.contains(#"commerce_outbox_events{state="dead_lettered"} 1"#), "\(text)")
            #expect(text.contains(#"commerce_outbox_events{state="pending"} 0"#))
        }
    }

    @Test func listsArePagesWithACursor() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { (client: Client) async throws in
            for index in 1...5 {
                #expect(try await client.post("/api/v1/products", #"{"name":"P\#(index)","price":1,"stock":1}"#).status == .created)
            }
            var seen: [Int64] = []
            var cursor: String?
            repeat {
                let page = try await client.get("/api/v1/products?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == .ok)
                #expect(page.items.count <= 2)
                seen += page.items.compactMap { ($0["id"] as? NSNumber)?.int64Value }
                cursor = page.string("nextCursor")
            } while cursor != nil
            #expect(seen == [1, 2, 3, 4, 5])
        }
    }

    @Test func theRequestIdIsAnsweredAndLoggedValuesAreEscaped() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { (client: Client) async throws in
            var headers = HTTPFields()
            headers[HTTPField.Name("X-Request-Id")!] = "trace-42"
            let reply = try await client.request(.get, "/api/v1/orders/999", headers: headers)
            #expect(reply.headers[HTTPField.Name("X-Request-Id")!] == "trace-42")
            #expect(reply.string("requestId") == "trace-42")
        }
        #expect(LogTextProbe.escaped("a\nb\u{1b}[31m\"") == #"a\u{a}b\u{1b}[31m\""#)
    }
}

/// A client that sends half a request head and then nothing is disconnected after the header timeout.
@Suite struct SlowClientTests {
    @Test func aTricklingHeadIsCutOff() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test(.live, headerTimeout: .milliseconds(300)) { (client: Client) async throws in
            guard let port = client.client.port else {
                Issue.record("the live setup has a port")
                return
            }
            let started = ContinuousClock.now
            let closed = try Self.sendHalfAHeadAndWaitForClose(port: port)
            #expect(closed, "the server closed the connection")
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(try Self.fullRequestIsAnswered(port: port), "and a prompt client on a new connection is served")
        }
    }

    /// A whole head sent at once is answered.
    static func fullRequestIsAnswered(port: Int) throws -> Bool {
        let (count, reply) = try exchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n")
        return count > 0 && reply.hasPrefix("HTTP/1.1 200")
    }

    /// Sends `text` on a new connection and reads once (5 s at most): the byte count (0 when the server closed,
    /// -1 at the limit) and what arrived.
    static func exchange(_ port: Int, _ text: String) throws -> (Int, String) {
        let fd = try connected(port)
        defer { close(fd) }
        _ = text.withCString { send(fd, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let received = recv(fd, &buffer, buffer.count, 0)
        return (received, String(decoding: buffer.prefix(max(0, received)), as: UTF8.self))
    }

    static func connected(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, result == 0 else { throw TestSetupError("cannot connect to 127.0.0.1:\(port)") }
        var limit = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// Sends a head without its final blank line and waits (5 s at most) for the server to hang up.
    static func sendHalfAHeadAndWaitForClose(port: Int) throws -> Bool {
        try exchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\n").0 == 0  // an orderly close; -1: the limit
    }
}
