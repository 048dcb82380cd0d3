import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Refuses bodies over a limit with 413 before anything reads them, whether or not they declare a length.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: maxBytes)
        request.body = .init(buffer: buffer)
        return try await next(request, context)
    }
}

/// One structured log line per request: method, path, status, duration, and the idempotency key if any.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var idempotencyKey: HTTPField.Name? { HTTPField.Name("Idempotency-Key") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
            "ms": "\(Double(elapsed.components.attoseconds / 1_000_000_000_000) / 1000 + Double(elapsed.components.seconds) * 1000)",
        ]
        if let name = Self.idempotencyKey, let key = request.headers[name] { metadata["idempotencyKey"] = "\(key)" }
        context.logger.info("request", metadata: metadata)
        return response
    }
}
