import Foundation
import HTTPServer
import HTTPTypes
import JWTKit
import TestSupport
import Testing

/// Identity and access on every route: no token, a bad one, another user's, a customer's on an admin route, an
/// admin's; HS256 and a JWKS key.
@Suite struct AccessTests {
    /// Every protected route, as a request user 1 (or an admin) may make once the seed below exists.
    static let routes: [(HTTPRequest.Method, String, String?)] = [
        (.get, "/api/v1/products", nil),
        (.post, "/api/v1/products", #"{"name":"Pen","price":1,"stock":1}"#),
        (.get, "/api/v1/products/1", nil),
        (.post, "/api/v1/users/1/points/charge", #"{"amount":10}"#),
        (.get, "/api/v1/users/1/points", nil),
        (.get, "/api/v1/users/1/points/history", nil),
        (.post, "/api/v1/coupons", #"{"name":"X","discount":{"type":"FIXED","amount":1}}"#),
        (.post, "/api/v1/coupons/1/issue", #"{"userId":1}"#),
        (.get, "/api/v1/users/1/coupons", nil),
        (.post, "/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#),
        (.get, "/api/v1/orders?userId=1", nil),
        (.get, "/api/v1/orders/1?userId=1", nil),
        (.post, "/api/v1/payments", #"{"orderId":1,"userId":1}"#),
        (.get, "/api/v1/payments/1", nil),
    ]

    @Test func theTableCoversEveryProtectedOperationOfTheSpec() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let spec = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let operations = spec.components(separatedBy: "operationId:").count - 1
        #expect(operations - 3 == Self.routes.count, "every operation but health, ready and metrics is in the table")
    }

    /// A product, a coupon policy and user 1's paid order 1 with payment 1.
    func seeded() async throws -> HTTPHarness {
        let harness = try await HTTPHarness.start()
        try await harness.test { (client: Client) async throws in
            try await client.seed()
            #expect(try await client.post("/api/v1/coupons", #"{"name":"W","discount":{"type":"FIXED","amount":1}}"#).status == .created)
            let order = try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#)
            #expect(order.status == .created)
            #expect(try await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#).status == .created)
        }
        return harness
    }

    @Test func withoutAValidTokenEveryRouteIs401WithWWWAuthenticate() async throws {
        let harness = try await seeded()
        let expired = try await AccessTokens(secret: HTTPHarness.secret, jwks: nil)
            .sign(user: 1, admin: true, ttl: .seconds(60), now: Date().addingTimeInterval(-3600))
        let foreign = try await AccessTokens(secret: "another-secret-of-at-least-thirty-two-bytes", jwks: nil)
            .sign(user: 1, admin: true, ttl: .seconds(3600))
        let unsigned =
            Self.base64URL(#"{"alg":"none","typ":"JWT"}"#) + "." + Self.base64URL(#"{"sub":"1","exp":9999999999,"role":"admin"}"#) + "."
        let cases: [(String, String?)] = [
            ("no token", nil), ("an expired token", "Bearer \(expired)"), ("a bad signature", "Bearer \(foreign)"),
            ("alg none", "Bearer \(unsigned)"), ("not a JWT", "Bearer not-a-jwt"), ("another scheme", "Basic dXNlcjpwYXNz"),
        ]
        try await harness.test { (client: Client) async throws in
            let client = client.with(token: nil)
            for (what, header) in cases {
                for (method, path, body) in Self.routes {
                    var headers = HTTPFields()
                    if let header { headers[.authorization] = header }
                    let reply = try await client.request(method, path, body, headers: headers)
                    #expect(reply.status == .unauthorized, "\(what): \(method) \(path): \(reply.body)")
                    #expect(reply.code == "UNAUTHENTICATED")
                    #expect(reply.headers[.wwwAuthenticate] == "Bearer")
                    #expect(reply.string("requestId")?.isEmpty == false)
                }
            }
            let health = try await client.get("/health")
            #expect(health.status == .ok, "the open routes need no token")
            #expect(try await client.get("/metrics").status == .ok)
        }
    }

    @Test func aCustomerActsOnlyAsItself() async throws {
        let harness = try await seeded()
        let other = try await harness.token(2)
        try await harness.test { (client: Client) async throws in
            let customer = client.with(token: other)
            for (method, path, body) in Self.routes {
                let reply = try await customer.request(method, path, body)
                let expected: HTTPResponse.Status =
                    switch path {
                    case "/api/v1/products" where method == .get, "/api/v1/products/1": .ok  // the catalogue is public to customers
                    case "/api/v1/orders/1?userId=1": .forbidden
                    case "/api/v1/payments/1": .notFound  // another user's payment is not found
                    default: .forbidden  // names user 1, or is an admin's
                    }
                #expect(reply.status == expected, "\(method) \(path): \(reply.body)")
            }
            // Without naming anyone, user 2 sees its own (empty) lists and not user 1's order.
            #expect(try await customer.get("/api/v1/orders/1").status == .notFound)
            #expect(try await customer.get("/api/v1/orders").items.isEmpty)
            #expect(try await customer.get("/api/v1/users/2/points").int("balance") == 0)
        }
    }

    @Test func aCustomerUsesItsOwnAccountWithoutNamingItself() async throws {
        let harness = try await seeded()
        let own = try await harness.token(1)
        try await harness.test { (client: Client) async throws in
            let customer = client.with(token: own)
            #expect(try await customer.post("/api/v1/products", #"{"name":"Pen","price":1,"stock":1}"#).status == .forbidden)
            #expect(try await customer.post("/api/v1/coupons/1/issue", "{}").status == .created)
            let order = try await customer.post("/api/v1/orders", #"{"items":[{"productId":1,"quantity":1}]}"#)
            #expect(order.status == .created)
            #expect(order.int("userId") == 1)
            #expect(try await customer.get("/api/v1/payments/1").status == .ok)
            #expect(try await customer.get("/api/v1/orders?status=PAID").items.count == 1)
        }
    }

    @Test func anAdminMayActForAnyUser() async throws {
        let harness = try await seeded()
        try await harness.test { (client: Client) async throws in
            for (method, path, body) in Self.routes {
                let reply = try await client.request(method, path, body)
                #expect(reply.status.code < 400 || reply.code == "ORDER_ALREADY_PAID", "\(method) \(path): \(reply.body)")
            }
            #expect(try await client.post("/api/v1/users/7/points/charge", #"{"amount":10}"#).status == .ok)
            #expect(try await client.get("/api/v1/orders/1").status == .ok, "an admin sees any order")
        }
    }

    @Test func aJWKSKeyIsTrustedByItsKid() async throws {
        let key = ES256PrivateKey()
        guard let parameters = key.parameters else { Issue.record("no public parameters"); return }
        let jwks =
            #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"shop-1","x":"\#(parameters.x)","y":"\#(parameters.y)"}]}"#
        let harness = try await HTTPHarness.start(tokens: try await AccessTokens(secret: nil, jwks: jwks))
        let signer = JWTKeyCollection()
        await signer.add(ecdsa: key, kid: "shop-1")
        let token = try await signer.sign(AccessClaims(user: 5, expires: Date().addingTimeInterval(600)), kid: "shop-1")
        let unknownKid = try await signer.sign(AccessClaims(user: 5, expires: Date().addingTimeInterval(600)), kid: "other")
        let hs256 = try await harness.token(5)
        try await harness.test { (client: Client) async throws in
            #expect(try await client.with(token: token).get("/api/v1/users/5/points").status == .ok)
            #expect(try await client.with(token: unknownKid).get("/api/v1/users/5/points").status == .unauthorized)
            #expect(try await client.with(token: hs256).get("/api/v1/users/5/points").status == .unauthorized, "no secret configured")
        }
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
