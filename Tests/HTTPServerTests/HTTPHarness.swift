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
    let tokens: AccessTokens
    let metrics: HTTPMetrics

    /// The secret the harness's server trusts.
    static let secret = "test-secret-of-at-least-thirty-two-bytes!"

    /// A system on a fresh database of the test engine (a SQLite file at `path`, in memory when nil, or a new
    /// PostgreSQL schema).
    static func start(path: String? = nil, tokens: AccessTokens? = nil, busyTimeout: Duration = .seconds(5)) async throws -> HTTPHarness {
        let metrics = HTTPMetrics()
        let database: DatabaseSetting =
            switch TestEngine.current {
            case .sqlite: .sqlite(SQLiteSettings(storage: path.map { .file(path: $0) } ?? .memory, busyTimeout: busyTimeout))
            case .postgres: .postgres(try await TestDatabase.freshSchema())
            }
        let trusted: AccessTokens
        if let tokens { trusted = tokens } else { trusted = try await AccessTokens(secret: secret, jwks: nil) }
        return HTTPHarness(
            app: try await CommerceApp.start(AppConfiguration(database: database, metrics: metrics.factory)), tokens: trusted,
            metrics: metrics)
    }

    /// A token for `user` signed with the harness's secret.
    func token(_ user: Int64, admin: Bool = false, ttl: Duration = .seconds(3600)) async throws -> String {
        try await AccessTokens(secret: Self.secret, jwks: nil).sign(user: user, admin: admin, ttl: ttl)
    }

    /// Runs `body` against the router in process (`.router`) or a live server on loopback (`.ahc`).
    func test<T: Sendable>(
        _ setup: TestingSetup = .router, headerTimeout: Duration = .seconds(10), _ body: @Sendable (Client) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let application = try CommerceHTTPServer.application(
            for: app,
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1", port: 0, tokens: tokens, metrics: metrics, headerTimeout: headerTimeout), logger: logger)
        let admin = try await token(1, admin: true)
        return try await application.test(setup) { client in try await body(Client(client: client, token: admin)) }
    }
}

/// A small JSON client over HummingbirdTesting's.
struct Client: Sendable {
    let client: any TestClientProtocol
    /// The bearer token sent with every request (nil: none). The harness's default is an admin's, user 1.
    var token: String?

    /// The same client with another token (nil: none).
    func with(token: String?) -> Client { Client(client: client, token: token) }

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let body: String
        var headers: HTTPFields = [:]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }

        var code: String? { json["code"] as? String }
        func int(_ key: String) -> Int64? { (json[key] as? NSNumber)?.int64Value }
        func string(_ key: String) -> String? { json[key] as? String }
        /// The `items` of a page.
        var items: [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }
    }

    func request(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> Reply {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        if let token, headers[.authorization] == nil { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, body: String(buffer: response.body), headers: response.headers)
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
