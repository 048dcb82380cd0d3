import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Kernel
import TestSupport
import Testing

/// Races over real HTTP: a live server on loopback, AsyncHTTPClient sending concurrently, a SQLite file.
@Suite struct HTTPConcurrencyTests {
    @Test func fortyPayersForTenUnitsGetTen201sAndThirty409s() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let harness = try await HTTPHarness.start(path: path)
        try await harness.test(.ahc(.http)) { (client: Client) async throws -> Void in
            #expect(try await client.post("/api/v1/products", #"{"name":"Limited","price":10000,"stock":10}"#).status == .created)
            for user in 1...40 {
                #expect(try await client.post("/api/v1/users/\(user)/points/charge", #"{"amount":10000}"#).status == .ok)
                #expect(
                    try await client.post("/api/v1/orders", #"{"userId":\#(user),"items":[{"productId":1,"quantity":1}]}"#).status
                        == .created)
            }
            let replies = await concurrently(40) { index in
                try? await client.post("/api/v1/payments", #"{"orderId":\#(index + 1),"userId":\#(index + 1)}"#)
            }
            #expect(replies.filter { $0?.status == .created }.count == 10)
            #expect(replies.filter { $0?.status == .conflict && $0?.code == "OUT_OF_STOCK" }.count == 30)
            #expect(try await client.get("/api/v1/products/1").int("stock") == 0)
        }
        try await harness.app.close()
    }

    @Test func oneOrderPaidByTwentyRequestsIsPaidOnce() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let harness = try await HTTPHarness.start(path: path)
        try await harness.test(.ahc(.http)) { (client: Client) async throws -> Void in
            try await client.seed()
            #expect(try await client.post("/api/v1/orders", #"{"userId":1,"items":[{"productId":1,"quantity":1}]}"#).status == .created)
            let replies = await concurrently(20) { _ in try? await client.post("/api/v1/payments", #"{"orderId":1,"userId":1}"#) }
            #expect(replies.filter { $0?.status == .created }.count == 1)
            #expect(replies.filter { $0?.code == "ORDER_ALREADY_PAID" }.count == 19)
            #expect(try await client.get("/api/v1/users/1/points").int("balance") == 50_000)
        }
        try await harness.app.close()
    }
}
