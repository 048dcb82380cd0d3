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
            #expect(try await client.post("/api/v1/products", #"{"name":"Pen","price":1,"stock":1}"#).status == .created, "and after it, fine")
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
