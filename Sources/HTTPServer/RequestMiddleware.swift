import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Logging
import Synchronization

/// Refuses bodies over a limit with 413 before anything reads them, whether or not they declare a length, and
/// bodies that do not arrive within the timeout with 408, so a client trickling bytes cannot hold a request.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int
    let timeout: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        let deadline = ContinuousClock.now + timeout
        let maxBytes = maxBytes
        let body = request.body
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: maxBytes) }
            group.addTask {
                try await CoarseDeadlines.shared.wait(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else { throw HTTPError(.requestTimeout) }
            return buffer
        }
        request.body = .init(buffer: buffer)
        return try await next(request, context)
    }
}

/// One structured log line per request: request id, method, path, status, duration, user and idempotency key,
/// every value a client sent escaped (control characters as `\u{..}`, at most 200 characters), so a request
/// cannot forge log lines. The request id (the client's `X-Request-Id` when it is a plain token, else a new
/// one) is answered in `X-Request-Id` and carried by every error body.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    static var idempotencyKey: HTTPField.Name? { HTTPField.Name("Idempotency-Key") }
    static var requestIDField: HTTPField.Name? { HTTPField.Name("X-Request-Id") }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let trace = RequestTrace(id: Self.requestID(request))
        var response = try await RequestTrace.$current.withValue(trace) {
            try await RequestID.$current.withValue(trace.id) { try await next(request, context) }
        }
        if let name = Self.requestIDField { response.headers[name] = trace.id }
        let elapsed = ContinuousClock.now - start
        var metadata: Logger.Metadata = [
            "requestId": "\(trace.id)", "method": "\(request.method.rawValue)", "path": "\(LogText.escaped(request.uri.path))",
            "status": "\(response.status.code)",
            "ms": "\(elapsed.inMilliseconds)",
        ]
        if let user = trace.user { metadata["user"] = "\(user)" }
        if let name = Self.idempotencyKey, let key = request.headers[name] { metadata["idempotencyKey"] = "\(LogText.escaped(key))" }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// The client's request id when it is 1 to 64 letters, digits, `-` or `_`; a new random one otherwise.
    static func requestID(_ request: Request) -> String {
        if let name = requestIDField, let given = request.headers[name], (1...64).contains(given.utf8.count),
            given.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        {
            return given
        }
        var generator = SystemRandomNumberGenerator()
        return String(format: "%016llx", generator.next() as UInt64)
    }
}

/// The request id of the request this task serves ("-" outside one).
enum RequestID {
    @TaskLocal static var current = "-"
}

/// What the log line learns while the request is served: the caller, once authenticated.
final class RequestTrace: Sendable {
    let id: String
    private let caller = Mutex<UserID?>(nil)

    init(id: String) { self.id = id }

    var user: UserID? { caller.withLock { $0 } }
    func authenticated(as user: UserID) { caller.withLock { $0 = user } }

    @TaskLocal static var current: RequestTrace?
}

/// Text a client sent, made safe to log.
enum LogText {
    static func escaped(_ text: String, limit: Int = 200) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            if scalar.properties.generalCategory == .control || scalar == "\\" || scalar == "\"" {
                result += scalar.isASCII && scalar.value >= 0x20 ? "\\\(scalar)" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > limit ? result + "..." : result
    }
}

/// ``LogText`` for tests: how a client's text is written into the log.
public enum LogTextProbe {
    public static func escaped(_ text: String) -> String { LogText.escaped(text) }
}
