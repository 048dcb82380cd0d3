import HTTPTypes
import Hummingbird
import TestSupport
import Testing

/// Every error status and code; nothing a client sends produces a 500.
@Suite struct ErrorTests {
    static let malformed: [(String, String, String)] = [
        ("/api/v1/orders", #"{"userId":1,"items":"#, "malformed JSON"),
        ("/api/v1/orders", #"{"userId":"one","items":[]}"#, "a wrong type"),
        ("/api/v1/orders", #"{"userId":1}"#, "a missing field"),
        ("/api/v1/orders", #"{"userId":1,"items":[]}"#, "no items"),
        ("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":0}]}"#, "quantity 0"),
        ("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":-3}]}"#, "a negative quantity"),
        ("/api/v1/orders", #"{"userId":0,"items":[{"productId":1,"quantity":1}]}"#, "user 0"),
        ("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":99999999999999999999}]}"#, "a number past 64 bits"),
        ("/api/v1/orders", #"[1,2,3]"#, "not an object"),
        ("/api/v1/orders", "", "an empty body"),
        ("/api/v1/payments", #"{"userId":1}"#, "a missing orderId"),
        (
            "/api/v1/orders", #"{"items":[\#(Array(repeating: #"{"productId":1,"quantity":1}"#, count: 101).joined(separator: ","))]}"#,
            "101 lines"
        ),
        ("/api/v1/products", #"{"name":"Pen\u0007","price":1,"stock":1}"#, "a control character"),
        ("/api/v1/products", #"{"name":"\#(String(repeating: "가", count: 67))","price":1,"stock":1}"#, "201 bytes of UTF-8"),
        ("/api/v1/products", #"{"name":"","price":1,"stock":1}"#, "an empty name"),
        ("/api/v1/products", #"{"name":"Pen","price":-1,"stock":1}"#, "a negative price"),
        ("/api/v1/coupons", #"{"name":"X","discount":{"type":"HALF"}}"#, "an unknown discount type"),
        ("/api/v1/coupons", #"{"name":"X","discount":{"type":"FIXED"}}"#, "FIXED without an amount"),
        ("/api/v1/coupons", #"{"name":"X","discount":{"type":"PERCENT","percent":150}}"#, "150 percent"),
        ("/api/v1/coupons", #"{"name":"X","discount":{"type":"FIXED","amount":1},"validFor":"P1Y"}"#, "a year (no fixed length)"),
        (
            "/api/v1/coupons", #"{"name":"X","discount":{"type":"FIXED","amount":1},"validFor":"P1D","validUntil":"2026-02-01T00:00:00Z"}"#,
            "both validities"
        ),
        ("/api/v1/coupons", #"{"name":"X","discount":{"type":"FIXED","amount":1},"validUntil":"tomorrow"}"#, "a bad time"),
        ("/api/v1/users/1/points/charge", #"{"amount":0}"#, "a zero charge"),
        ("/api/v1/users/abc/points/charge", #"{"amount":100}"#, "a bad path id"),
    ]

    @Test(arguments: malformed)
    func badRequestsAre400WithACode(uri: String, body: String, what: String) async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed()
            let reply = try await client.post(uri, body)
            #expect(reply.status == .badRequest, "\(what): \(reply.body)")
            #expect(["INVALID_ARGUMENT", "INVALID_CHARGE_AMOUNT"].contains(reply.code), "\(what): \(reply.body)")
            #expect(reply.json["message"] is String)
        }
    }

    @Test(arguments: [
        "/api/v1/products/abc", "/api/v1/products/0", "/api/v1/products/-1", "/api/v1/orders/x?userId=1", "/api/v1/products?limit=0",
        "/api/v1/products?limit=201", "/api/v1/products?cursor=bogus",
        "/api/v1/orders/1?userId=zero", "/api/v1/users/0/points", "/api/v1/users/1.5/coupons",
    ])
    func badPathsAndQueriesAre400(uri: String) async throws {
        try await HTTPHarness.start().test { client in
            let reply = try await client.get(uri)
            #expect(reply.status == .badRequest, "\(uri): \(reply.body)")
            #expect(reply.code == "INVALID_ARGUMENT")
            #expect((reply.json["message"] as? String)?.contains("Optional") == false, "a message for people")
        }
    }

    @Test func aBodyOverOneMebibyteIs413() async throws {
        try await HTTPHarness.start().test { client in
            let huge = #"{"name":""# + String(repeating: "x", count: 1 << 20) + #"","price":1,"stock":1}"#
            let reply = try await client.post("/api/v1/products", huge)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.code == "INVALID_ARGUMENT")
        }
    }

    @Test func unknownThingsAre404() async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed()
            let cases: [(Client.Reply, String)] = [
                (try await client.get("/api/v1/products/9"), "PRODUCT_NOT_FOUND"),
                (try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":9,"quantity":1}]}"#), "PRODUCT_NOT_FOUND"),
                (
                    try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}],"couponId":4}"#),
                    "COUPON_NOT_FOUND"
                ),
                (try await client.post("/api/v1/coupons/4/issue", #"{"userId":1}"#), "COUPON_NOT_FOUND"),
                (try await client.get("/api/v1/orders/9?userId=1"), "ORDER_NOT_FOUND"),
                (try await client.post("/api/v1/payments", #"{"orderId":9,"userId":1}"#), "ORDER_NOT_FOUND"),
            ]
            for (reply, code) in cases {
                #expect(reply.status == .notFound, "\(reply.body)")
                #expect(reply.code == code)
            }
            _ = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#)
            #expect(try await client.get("/api/v1/orders/1?userId=2").code == "ORDER_NOT_FOUND", "another user's order")
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1,"userId":2}"#).status == .notFound)
            let route = try await client.get("/api/v1/nothing")
            #expect(route.status == .notFound)
            #expect(route.code == "ROUTE_NOT_FOUND")
        }
    }

    @Test func everyOtherRuleIs409() async throws {
        try await HTTPHarness.start().test { client in
            try await client.seed(stock: 1, points: 60_000)
            _ = try await client.post(
                "/api/v1/coupons", #"{"name":"ONE","discount":{"type":"FIXED","amount":1000},"quantity":1,"minOrder":100000}"#)
            #expect(try await client.post("/api/v1/coupons/1/issue", #"{"userId":1}"#).status == .created)
            let cases: [(Client.Reply, String)] = [
                (try await client.post("/api/v1/coupons/1/issue", #"{"userId":1}"#), "COUPON_ALREADY_ISSUED"),
                (try await client.post("/api/v1/coupons/1/issue", #"{"userId":2}"#), "COUPON_SOLD_OUT"),
                (try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":2}]}"#), "OUT_OF_STOCK"),
                (
                    try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}],"couponId":1}"#),
                    "COUPON_MIN_ORDER_NOT_MET"
                ),
                (try await client.post("/api/v1/orders", #"{"userId":2,"items":[{"productId":1,"quantity":1}]}"#), "INSUFFICIENT_BALANCE"),
            ]
            for (reply, code) in cases {
                #expect(reply.status == .conflict, "\(reply.body)")
                #expect(reply.code == code)
            }
            _ = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#)
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#).status == .created)
            let again = try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#)
            #expect(again.status == .conflict)
            #expect(again.code == "ORDER_ALREADY_PAID")
        }
    }

    @Test func theBalanceCapIs409() async throws {
        try await HTTPHarness.start().test { client in
            for _ in 0..<10 { #expect(try await client.post("/api/v1/users/1/points/charge", #"{"amount":1000000}"#).status == .ok) }
            let over = try await client.post("/api/v1/users/1/points/charge", #"{"amount":1}"#)
            #expect(over.status == .conflict)
            #expect(over.code == "BALANCE_LIMIT_EXCEEDED")
        }
    }

    @Test func anExpiredOrderIs409() async throws {
        let harness = try await HTTPHarness.start()
        try await harness.test { client in
            try await client.seed()
            _ = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#)
            _ = try await harness.app.scheduler.advance(by: .minutes(15))
            #expect(try await client.get("/api/v1/orders/1?userId=1").string("status") == "EXPIRED")
            let late = try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#)
            #expect(late.status == .conflict)
            #expect(late.code == "ORDER_EXPIRED")
        }
    }
}
