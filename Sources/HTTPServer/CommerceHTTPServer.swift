import App
import Foundation
import Hummingbird
import HummingbirdCore
import Kernel
import Logging
import NIOCore
import OpenAPIHummingbird
import OpenAPIRuntime
import ServiceLifecycle

/// Where and how the HTTP server listens, who it trusts, and the limits that keep a slow or greedy client from
/// holding it.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// The keys that verify bearer tokens.
    public var tokens: AccessTokens
    /// Where `/metrics` reads from; nil serves an empty page.
    public var metrics: HTTPMetrics?
    /// The largest request body accepted (`openapi.yaml`: 1 MiB).
    public var maxBodyBytes: Int
    /// How long a connection's first request head may take to arrive.
    public var headerTimeout: Duration
    /// How long a request's body may take to arrive.
    public var bodyTimeout: Duration
    /// How long a connection may sit without a byte (between requests, or in the middle of a request's head).
    public var idleTimeout: Duration
    /// Connections open at once; more wait in the listen backlog.
    public var maxConnections: Int

    /// Listens on `host:port`, trusting `tokens`.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, tokens: AccessTokens, metrics: HTTPMetrics? = nil, maxBodyBytes: Int = 1 << 20,
        headerTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30),
        maxConnections: Int = 1_000
    ) {
        self.host = host
        self.port = port
        self.tokens = tokens
        self.metrics = metrics
        self.maxBodyBytes = maxBodyBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}

/// The HTTP edge: the generated routes of `openapi.yaml` on Hummingbird, with authentication, error bodies, a
/// body limit, metrics and a log line per request.
public enum CommerceHTTPServer {
    /// The router with every route of the document and the middleware around them, outermost first.
    public static func router(for app: CommerceApp, configuration: HTTPServerConfiguration) throws -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        if let metrics = configuration.metrics { router.add(middleware: MetricsMiddleware(metrics: metrics)) }
        router.add(middleware: ErrorBodyMiddleware())
        router.add(middleware: AuthenticationMiddleware(tokens: configuration.tokens))
        router.add(middleware: BodyLimitMiddleware(maxBytes: configuration.maxBodyBytes, timeout: configuration.bodyTimeout))
        // Compact JSON (the runtime's default pretty-prints every response).
        try CommerceAPI(app: app, metrics: configuration.metrics)
            .registerHandlers(on: router, configuration: .init(jsonEncodingOptions: [.sortedKeys]))
        return router
    }

    /// The Hummingbird application, ready to run as a service.
    public static func application(
        for app: CommerceApp, configuration: HTTPServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let headerTimeout = configuration.headerTimeout
        return Application(
            router: try router(for: app, configuration: configuration),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [HeaderTimeoutHandler(timeout: headerTimeout)],
                    idleTimeout: .seconds(configuration.idleTimeout.components.seconds))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "commerce",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: logger)),
            onServerRunning: onServerRunning,
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM: the HTTP server and the scheduler's jobs on real timers, as one service
    /// group. On a signal, the server stops accepting and finishes the requests in flight, the jobs stop between
    /// runs, then the database is closed.
    public static func serve(
        _ app: CommerceApp, configuration: HTTPServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) async throws {
        let http = try application(for: app, configuration: configuration, logger: logger, onServerRunning: onServerRunning)
        let jobs = JobService(scheduler: app.scheduler, logger: logger, grace: app.configuration.relayPolicy.timeout + .seconds(3))
        // A group stops its services in reverse order: the jobs, then the server, then the database (the
        // PostgreSQL client is a service; SQLite has nothing to run).
        let database = (app.database.engine as? any Service).map { [ServiceGroupConfiguration.ServiceConfiguration(service: $0)] } ?? []
        let group = ServiceGroup(
            configuration: .init(
                services: database + [.init(service: http), .init(service: jobs)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        try await app.close()
    }
}

/// The scheduler's jobs on real timers. At shutdown they stop between runs, and the outbox relay between
/// events: the delivery in flight finishes (within `grace`) instead of being cancelled and recorded as failed.
struct JobService: Service {
    let scheduler: Scheduler
    let logger: Logger
    /// How long the work in flight at shutdown may take before it is cancelled: longer than one delivery's timeout.
    let grace: Duration

    func run() async throws {
        let logger = logger
        let stop = StopSignal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await scheduler.runOnTimers(stop: stop) { run in
                    for line in run.lines { logger.info("job", metadata: ["job": "\(run.job)", "did": "\(line)"]) }
                    if let failure = run.failure { logger.error("job failed", metadata: ["job": "\(run.job)", "error": "\(failure)"]) }
                }
            }
            group.addTask { [grace] in
                try? await gracefulShutdown()  // returns at the shutdown signal, throws when cancelled instead
                stop.request()
                try? await Task.sleep(for: grace)
            }
            await group.next()  // the jobs stopped, or the grace ran out
            group.cancelAll()
        }
    }
}
