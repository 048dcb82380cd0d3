import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Logging
import OpenAPIRuntime

private let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}()

/// The one table from error codes to HTTP statuses (`openapi.yaml`): 400 for `INVALID_ARGUMENT`, 404 for
/// `*_NOT_FOUND`, 409 for every other rule.
enum ErrorStatus {
    static func status(for code: ErrorCode) -> HTTPResponse.Status {
        switch code {
        case .invalidArgument, .invalidChargeAmount: .badRequest
        case let code where code.isNotFound: .notFound
        default: .conflict
        }
    }
}

/// Turns every error that leaves a handler into the `{"code","message","requestId"}` body (`openapi.yaml`):
/// - a domain error by the table; the edge's own `401 UNAUTHENTICATED` (with `WWW-Authenticate: Bearer`) and
///   `403 FORBIDDEN`;
/// - a request the generated code could not parse: `400 INVALID_ARGUMENT` (the runtime says so by having no
///   operation input: the handler was never called);
/// - a fault of the server, never the client's: `503 UNAVAILABLE` with `Retry-After` when the database is busy,
///   locked, unreachable or out of connections, `500 INTERNAL` for anything else, both logged at error level with
///   the request id;
/// - Hummingbird's own errors (an unknown route, a body too large) with their status.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, logger: context.logger)
        }
    }

    /// Seconds a client should wait before retrying after a `503`.
    static var retryAfterSeconds: Int { 1 }

    static func response(for error: any Error, logger: Logger) -> Response {
        switch error {
        case let domain as DomainError:
            return body(ErrorStatus.status(for: domain.code), code: domain.code.rawValue, message: domain.message)
        case let edge as EdgeError:
            var response = body(edge.code == "FORBIDDEN" ? .forbidden : .unauthorized, code: edge.code, message: edge.message)
            if edge.code == "UNAUTHENTICATED" { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        case let database as DatabaseError where database.isTransient:
            logger.error("database unavailable", metadata: ["error": "\(database)", "requestId": "\(RequestID.current)"])
            var response = body(.serviceUnavailable, code: "UNAVAILABLE", message: "the database is busy or unavailable; retry shortly")
            response.headers[.retryAfter] = String(retryAfterSeconds)
            return response
        case let server as ServerError:
            guard server.operationInput == nil else { return response(for: server.underlyingError, logger: logger) }
            if let domain = server.underlyingError as? DomainError { return response(for: domain, logger: logger) }
            return body(.badRequest, code: ErrorCode.invalidArgument.rawValue, message: describe(server))
        case let http as any HTTPResponseError:
            let status = http.status
            // An unknown route gets a *_NOT_FOUND code of its own, so the 404-for-NOT_FOUND rule holds.
            let code = status == .notFound ? "ROUTE_NOT_FOUND" : status.code < 500 ? ErrorCode.invalidArgument.rawValue : "INTERNAL"
            let message =
                switch status {
                case .contentTooLarge: "the request body is over 1 MiB"
                case .requestTimeout: "the request body did not arrive in time"
                default: status.reasonPhrase
                }
            return body(status, code: code, message: message)
        default:
            logger.error("internal error", metadata: ["error": "\(String(reflecting: error))", "requestId": "\(RequestID.current)"])
            return body(.internalServerError, code: "INTERNAL", message: "an internal error; it has been logged with this request id")
        }
    }

    /// What the generated code could not read, said without Swift's type names where possible.
    private static func describe(_ error: ServerError) -> String {
        switch error.underlyingError {
        case let decoding as DecodingError:
            switch decoding {
            case .keyNotFound(let key, _): "missing field '\(key.stringValue)'"
            case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
                // Path and query parameters decode with an empty coding path.
                "a path or query parameter must be \(type == Int64.self ? "a whole number" : "a \(type)")"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                context.codingPath.isEmpty
                    ? "the body: \(context.debugDescription)"
                    : "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
            @unknown default: "malformed request"
            }
        default:
            "malformed request: \(error.causeDescription)"
        }
    }

    static func body(_ status: HTTPResponse.Status, code: String, message: String) -> Response {
        let data = (try? encoder.encode(["code": code, "message": message, "requestId": RequestID.current])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
