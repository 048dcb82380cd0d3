import App
import AsyncHTTPClient
import Foundation
import HTTPServer
import Hummingbird
import Kernel
import Logging
import NIOCore
import ServiceLifecycle

/// `commerce serve` in process on loopback: 8 clients each placing an order and paying for it, against a bare
/// Hummingbird route answering a fixed body, driven by the same client in the same run.
public enum HTTPBenchmark {
    /// Order+pay pairs on a SQLite file, then the bare route; with `postgres`, pairs on PostgreSQL with one and
    /// with three instances (three systems in this process, each with its own pool and server, on one database).
    public static func run(pairs: Int, clients: Int = 8, postgres: String? = nil) async throws -> [BenchRow] {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
        var rows = try await orderAndPay(
            pairs: pairs, clients: clients, databases: [.file(path)], platform: path + ".jsonl", label: "sqlite file", client: client)
        let pairsPerSecond = rows.first?.value ?? 0
        let bare = try await bareRoute(requests: pairs * 2, clients: clients, client: client)
        rows += bare + [BenchRow("http", "requests/s of order+pay / bare route", pairsPerSecond * 2 / (bare.first?.value ?? 1), "ratio")]
        if let postgres {
            for instances in [1, 3] {
                let settings = try await PostgresBench.freshSchema(postgres)
                rows += try await orderAndPay(
                    pairs: pairs, clients: clients, databases: Array(repeating: .postgres(settings), count: instances),
                    platform: path + ".pg.jsonl", label: "postgres, \(instances) instance\(instances == 1 ? "" : "s")", client: client)
            }
        }
        try await client.shutdown()
        return rows
    }

    /// `clients` clients each placing an order and paying for it, spread over one server per database setting.
    static func orderAndPay(
        pairs: Int, clients: Int, databases: [DatabaseSetting], platform: String, label: String, client: HTTPClient
    ) async throws -> [BenchRow] {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        defer { try? FileManager.default.removeItem(atPath: platform) }
        // Every request carries a bearer token and is verified (HS256), as in production; an admin's, so that one
        // token may act for every user of the run.
        let tokens = try await AccessTokens(secret: "benchmark-secret-of-at-least-32-bytes", jwks: nil)
        var apps: [CommerceApp] = []
        for database in databases {
            apps.append(try await CommerceApp.start(AppConfiguration(database: database, dataPlatform: .jsonLines(path: platform))))
        }
        for user in 1...pairs {
            _ = try await apps[0].points.charge(UserID(rawValue: Int64(user)), amount: Money(won: 100_000))
        }
        _ = try await apps[0].products.add(name: "Keyboard", price: Money(won: 1_000), stock: Int64(pairs) * 2)
        let servers = apps.map { app in
            { (running: @escaping @Sendable (any Channel) async -> Void) in
                try CommerceHTTPServer.application(
                    for: app, configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, tokens: tokens), logger: logger,
                    onServerRunning: running)
            }
        }
        var rows: [BenchRow] = []
        let token = try await tokens.sign(user: 1, admin: true, ttl: .seconds(3600))
        try await serving(servers) { ports in
            let latencies = Latencies()
            let elapsed = try await seconds {
                try await drive(pairs, callers: clients, latencies: latencies) { index in
                    let user = index + 1
                    let port = ports[index % ports.count]
                    let order = try await post(
                        client, port, token, "/api/v1/orders", #"{"userId":\#(user),"items":[{"productId":1,"quantity":1}]}"#)
                    guard order.status == 201, let id = order.id else { throw BenchmarkFailure("order answered \(order.status)") }
                    let payment = try await post(
                        client, ports[(index + 1) % ports.count], token, "/api/v1/payments", #"{"orderId":\#(id),"userId":\#(user)}"#)
                    guard payment.status == 201 else { throw BenchmarkFailure("payment answered \(payment.status)") }
                }
            }
            rows += [
                BenchRow("http/\(label)", "order+pay pairs, \(clients) clients", Double(pairs) / elapsed, "pairs/s"),
                BenchRow("http/\(label)", "pair p50", latencies.milliseconds(at: 50), "ms"),
                BenchRow("http/\(label)", "pair p99", latencies.milliseconds(at: 99), "ms"),
            ]
        }
        for app in apps { try await app.close() }
        return rows
    }

    /// A bare Hummingbird route answering a fixed body: what the HTTP stack and the client allow on this machine.
    static func bareRoute(requests: Int, clients: Int, client: HTTPClient) async throws -> [BenchRow] {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let bare = { (running: @escaping @Sendable (any Channel) async -> Void) in
            let router = Router()
            router.get("/bare") { _, _ in "ok" }
            return Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: running, logger: logger)
        }
        var rows: [BenchRow] = []
        try await serving([bare]) { ports in
            let latencies = Latencies()
            let elapsed = try await seconds {
                try await drive(requests, callers: clients, latencies: latencies) { _ in
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(ports[0])/bare")
                    request.method = .GET
                    let response = try await client.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 16)
                }
            }
            rows += [
                BenchRow("http", "bare route, \(clients) clients", Double(requests) / elapsed, "requests/s"),
                BenchRow("http", "bare route p99", latencies.milliseconds(at: 99), "ms"),
            ]
        }
        return rows
    }

    /// Runs applications in a service group until `body` returns, passing the ports they listen on, then shuts
    /// them down gracefully.
    static func serving<A: ApplicationProtocol>(
        _ makers: [(@escaping @Sendable (any Channel) async -> Void) throws -> A], _ body: ([Int]) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let applications = try makers.map { make in try make { channel in continuation.yield(channel.localAddress?.port ?? 0) } }
        let group = ServiceGroup(configuration: .init(services: applications, logger: Logger(label: "bench")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var listening: [Int] = []
            for await port in ports {
                guard port > 0 else { throw BenchmarkFailure("a server did not start") }
                listening.append(port)
                if listening.count == makers.count { break }
            }
            do {
                try await body(listening)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    struct Reply {
        let status: UInt
        let id: Int?
    }

    static func post(_ client: HTTPClient, _ port: Int, _ token: String, _ path: String, _ body: String) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any]
        return Reply(status: response.status.code, id: (object?["id"] as? NSNumber)?.intValue)
    }
}
