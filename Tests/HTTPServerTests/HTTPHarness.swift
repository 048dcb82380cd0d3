import App
import Foundation
import HTTPServer
import Hummingbird
import HummingbirdTesting
import Kernel
import Logging
import NIOCore
import TestSupport
import Testing

/// A running system behind the real router, driven by HummingbirdTesting's clients.
struct HTTPHarness {
    let app: CommerceApp

    /// A system on a fresh database of the test engine (a SQLite file at `path`, in memory when nil, or a new
    /// PostgreSQL schema).
    static func start(path: String? = nil) async throws -> HTTPHarness {
        HTTPHarness(app: try await CommerceApp.start(AppConfiguration(database: .provided(try await TestDatabase.open(path: path)))))
    }

    /// Runs `body` against the router in process (`.router`) or a live server on loopback (`.ahc`).
    func test<T: Sendable>(_ setup: TestingSetup = .router, _ body: @Sendable (Client) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let application = try CommerceHTTPServer.application(
            for: app, configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), logger: logger)
        return try await application.test(setup) { client in try await body(Client(client: client)) }
    }
}

/// A small JSON client over HummingbirdTesting's.
struct Client: Sendable {
    let client: any TestClientProtocol

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let body: String

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }

        var code: String? { json["code"] as? String }
        func int(_ key: String) -> Int64? { (json[key] as? NSNumber)?.int64Value }
        func string(_ key: String) -> String? { json[key] as? String }
    }

    func request(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, body: String(buffer: response.body))
    }

    func post(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> Reply {
        try await request(.post, uri, body, headers: headers)
    }

    func get(_ uri: String) async throws -> Reply { try await request(.get, uri) }

    /// A keyboard (50,000 won, stock 10 unless told), 100,000 won of points for user 1.
    @discardableResult
    func seed(stock: Int = 10, points: Int = 100_000) async throws -> Reply {
        let product = try await post("/api/v1/products", #"{"name":"Keyboard","price":50000,"stock":\#(stock)}"#)
        #expect(product.status == .created)
        if points > 0 { #expect(try await post("/api/v1/users/1/points/charge", #"{"amount":\#(points)}"#).status == .ok) }
        return product
    }
}
