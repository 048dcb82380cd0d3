import CoreMetrics
import Foundation
import Hummingbird
import Kernel
import Prometheus

/// The Prometheus registry behind `/metrics`, and the factory every metric of the process is made with (the
/// app's through ``App/CommerceMetrics``, the edge's here). One per server, so tests need no global bootstrap.
public final class HTTPMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
    }

    /// Everything collected so far, in Prometheus's text format.
    func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    func requestEnded(route: String, method: String, status: Int, duration: Duration) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "commerce_http_requests_total", dimensions: labels, factory: factory).increment()
        Timer(label: "commerce_http_request_duration", dimensions: [("route", route), ("method", method)], factory: factory)
            .recordNanoseconds(duration.inNanoseconds)
    }
}

/// Counts each request by route (the matched template, so ids do not explode the label set), method and status,
/// with its latency.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.requestEnded(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: Int(response.status.code),
            duration: ContinuousClock.now - start)
        return response
    }
}
