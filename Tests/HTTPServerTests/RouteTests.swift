import HTTPTypes
import Hummingbird
import TestSupport
import Testing

/// Every route, its success status and body.
@Suite struct RouteTests {
    @Test func productsAndHealth() async throws {
        try await HTTPHarness.start().test { client in
            #expect(try await client.get("/health").string("status") == "ok")
            #expect(try await client.get("/api/v1/products").body.filter { !$0.isWhitespace } == #"{"items":[]}"#)
            let created = try await client.post("/api/v1/products", #"{"name":"Keyboard","price":50000,"stock":10}"#)
            #expect(created.status == .created)
            #expect(created.int("id") == 1)
            #expect(created.string("name") == "Keyboard")
            let shown = try await client.get("/api/v1/products/1")
            #expect(shown.status == .ok)
            #expect(shown.int("stock") == 10)
            #expect(try await client.get("/api/v1/products").body.contains("\"Keyboard\""))
        }
    }

    @Test func points() async throws {
        try await HTTPHarness.start().test { client in
            #expect(try await client.get("/api/v1/users/7/points").int("balance") == 0)
            let charged = try await client.post("/api/v1/users/7/points/charge", #"{"amount":10000}"#)
            #expect(charged.status == .ok)
            #expect(charged.int("userId") == 7)
            #expect(charged.int("balance") == 10_000)
            #expect(try await client.get("/api/v1/users/7/points").int("balance") == 10_000)
        }
    }

    @Test func couponsAreCreatedIssuedAndListed() async throws {
        try await HTTPHarness.start().test { client in
            let policy = try await client.post(
                "/api/v1/coupons",
                #"{"name":"WELCOME","discount":{"type":"FIXED","amount":5000},"quantity":100,"validFor":"P7D"}"#)
            #expect(policy.status == .created)
            #expect(policy.string("type") == "FIXED")
            #expect(policy.int("amount") == 5000)
            #expect(policy.string("validUntil") == "2026-01-08T09:00:00Z")
            let until = try await client.post(
                "/api/v1/coupons",
                #"{"name":"NEWYEAR","discount":{"type":"PERCENT","percent":10,"max":3000},"minOrder":20000,"validUntil":"2026-02-01T00:00:00Z"}"#
            )
            #expect(until.status == .created)
            #expect(until.int("max") == 3000)
            #expect(until.int("minOrder") == 20000)
            let issued = try await client.post("/api/v1/coupons/1/issue", #"{"userId":1}"#)
            #expect(issued.status == .created)
            #expect(issued.string("status") == "ISSUED")
            #expect(issued.int("policyId") == 1)
            let listed = try await client.get("/api/v1/users/1/coupons")
            #expect(listed.status == .ok)
            #expect(listed.body.contains("\"WELCOME\""))
        }
    }

    @Test func theSeedsTwoEndpoints() async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed(stock: 2)
            let order = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#)
            #expect(order.status == .created)
            #expect(order.string("status") == "PENDING")
            #expect(order.int("payAmount") == 50_000)
            #expect(order.string("expiresAt") == "2026-01-01T09:15:00Z")
            #expect(order.body.contains(#""unitPrice":50000"#))
            #expect(!order.body.contains("\n"), "compact JSON")
            let payment = try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#)
            #expect(payment.status == .created)
            #expect(payment.int("amount") == 50_000)
            #expect(payment.int("orderId") == 1)
            let paid = try await client.get("/api/v1/orders/1?userId=1")
            #expect(paid.string("status") == "PAID")
            #expect(paid.string("paidAt") == "2026-01-01T09:00:00Z")
            #expect(try await client.get("/api/v1/products/1").int("stock") == 1)
            #expect(try await client.get("/api/v1/users/1/points").int("balance") == 50_000)
        }
    }

    @Test(arguments: [
        (#"{"type":"FIXED","amount":5000}"#, 5_000 as Int64, 45_000 as Int64),
        (#"{"type":"FIXED","amount":80000}"#, 50_000, 0),
        (#"{"type":"PERCENT","percent":10}"#, 5_000, 45_000),
        (#"{"type":"PERCENT","percent":10,"max":3000}"#, 3_000, 47_000),
        (#"{"type":"PERCENT","percent":33}"#, 16_500, 33_500),
    ])
    func theArithmeticOfEachCouponType(discount: String, off: Int64, pay: Int64) async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed()
            #expect(try await client.post("/api/v1/coupons", #"{"name":"C","discount":\#(discount)}"#).status == .created)
            #expect(try await client.post("/api/v1/coupons/1/issue", #"{"userId":1}"#).status == .created)
            let order = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}],"couponId":1}"#)
            #expect(order.status == .created)
            #expect(order.int("totalAmount") == 50_000)
            #expect(order.int("discountAmount") == off)
            #expect(order.int("payAmount") == pay)
            #expect(order.int("couponId") == 1)
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#).status == .created)
            #expect(try await client.get("/api/v1/users/1/points").int("balance") == 100_000 - pay)
        }
    }

    @Test func idempotencyKeysReplayWith200AndRefuseReuseWith409() async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed()
            for _ in 0..<2 { _ = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#) }
            var key = HTTPFields()
            key[try #require(HTTPField.Name("Idempotency-Key"))] = "checkout-1"
            let first = try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#, headers: key)
            let replay = try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#, headers: key)
            #expect(first.status == .created)
            #expect(replay.status == .ok)
            #expect(replay.body == first.body)
            let reused = try await client.post("/api/v1/payments", #"{"orderId":2,"userId":1}"#, headers: key)
            #expect(reused.status == .conflict)
            #expect(reused.code == "IDEMPOTENCY_KEY_REUSED")
            #expect(try await client.get("/api/v1/users/1/points").int("balance") == 50_000)
        }
    }
}

@Suite struct HealthTests {
    @Test func readyIs503WhenTheDatabaseDoesNotAnswerAndHealthStays200() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { client in
            let ready = try await client.with(token: nil).get("/ready")
            #expect(ready.status == .ok)
        }
        try await harness.app.close()
        try await harness.test { client in
            let reply = try await client.with(token: nil).get("/ready")
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.code == "UNAVAILABLE")
            #expect(try await client.with(token: nil).get("/health").status == .ok, "alive, though not ready")
        }
    }
}
