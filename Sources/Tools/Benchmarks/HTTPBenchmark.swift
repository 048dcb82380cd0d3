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
    public static func run(pairs: Int, clients: Int = 8) async throws -> [BenchRow] {
        let path = temporaryDatabase()
        defer { removeDatabase(path) }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let app = try await CommerceApp.start(AppConfiguration(storage: .file(path: path), dataPlatform: .jsonLines(path: path + ".jsonl")))
        defer { try? FileManager.default.removeItem(atPath: path + ".jsonl") }
        for user in 1...pairs {
            _ = try await app.points.charge(UserID(rawValue: Int64(user)), amount: Money(won: 100_000))
        }
        _ = try await app.products.add(name: "Keyboard", price: Money(won: 1_000), stock: Int64(pairs) * 2)
        let commerce = { (running: @escaping @Sendable (any Channel) async -> Void) in
            try CommerceHTTPServer.application(
                for: app, configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0), logger: logger, onServerRunning: running)
        }
        let bare = { (running: @escaping @Sendable (any Channel) async -> Void) in
            let router = Router()
            router.get("/bare") { _, _ in "ok" }
            return Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: running, logger: logger)
        }

        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(connectionPool: .init(idleTimeout: .seconds(60))))
        var rows: [BenchRow] = []
        try await serving(commerce) { port in
            let latencies = Latencies()
            let elapsed = try await seconds {
                try await drive(pairs, callers: clients, latencies: latencies) { index in
                    let user = index + 1
                    let order = try await post(client, port, "/api/v1/orders", #"{"userId":\#(user),"items":[{"productId":1,"quantity":1}]}"#)
                    guard order.status == 201, let id = order.id else { throw BenchmarkFailure("order answered \(order.status)") }
                    let payment = try await post(client, port, "/api/v1/payments", #"{"orderId":\#(id),"userId":\#(user)}"#)
                    guard payment.status == 201 else { throw BenchmarkFailure("payment answered \(payment.status)") }
                }
            }
            rows += [
                BenchRow("http", "order+pay pairs, \(clients) clients", Double(pairs) / elapsed, "pairs/s"),
                BenchRow("http", "pair p50", latencies.milliseconds(at: 50), "ms"),
                BenchRow("http", "pair p99", latencies.milliseconds(at: 99), "ms"),
            ]
        }
        try await serving(bare) { port in
            let latencies = Latencies()
            let requests = pairs * 2
            let elapsed = try await seconds {
                try await drive(requests, callers: clients, latencies: latencies) { _ in
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/bare")
                    request.method = .GET
                    let response = try await client.execute(request, timeout: .seconds(10))
                    _ = try await response.body.collect(upTo: 1 << 16)
                }
            }
            let perSecond = Double(requests) / elapsed
            let pairsPerSecond = rows.first?.value ?? 0
            rows += [
                BenchRow("http", "bare route, \(clients) clients", perSecond, "requests/s"),
                BenchRow("http", "bare route p99", latencies.milliseconds(at: 99), "ms"),
                BenchRow("http", "requests/s of order+pay / bare route", pairsPerSecond * 2 / perSecond, "ratio"),
            ]
        }
        try await client.shutdown()
        try await app.close()
        return rows
    }

    /// Runs an application in a service group until `body` returns, passing the port it listens on, then shuts
    /// it down gracefully.
    static func serving<A: ApplicationProtocol>(
        _ make: (@escaping @Sendable (any Channel) async -> Void) throws -> A, _ body: (Int) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = try make { channel in continuation.yield(channel.localAddress?.port ?? 0) }
        let group = ServiceGroup(configuration: .init(services: [application], logger: Logger(label: "bench")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw BenchmarkFailure("the server did not start") }
            do {
                try await body(port)
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

    static func post(_ client: HTTPClient, _ port: Int, _ path: String, _ body: String) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any]
        return Reply(status: response.status.code, id: (object?["id"] as? NSNumber)?.intValue)
    }
}
