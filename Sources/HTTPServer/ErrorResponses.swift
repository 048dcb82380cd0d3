import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import Logging
import OpenAPIRuntime

/// The one table from error codes to HTTP statuses (HTTP.md): 400 for `INVALID_ARGUMENT`, 404 for
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

/// Turns every error that leaves a handler into the `{"code","message"}` body: domain errors by the table,
/// anything the generated code could not decode as `INVALID_ARGUMENT`, Hummingbird's own errors (an unknown
/// route, a body too large) with their status. A 500 means a bug, and is logged as one.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, logger: context.logger)
        }
    }

    static func response(for error: any Error, logger: Logger) -> Response {
        switch error {
        case let domain as DomainError:
            return body(ErrorStatus.status(for: domain.code), code: domain.code.rawValue, message: domain.message)
        case let server as ServerError:
            if let domain = server.underlyingError as? DomainError { return response(for: domain, logger: logger) }
            return body(.badRequest, code: ErrorCode.invalidArgument.rawValue, message: describe(server))
        case let http as any HTTPResponseError:
            let status = http.status
            // An unknown route gets a *_NOT_FOUND code of its own, so the 404-for-NOT_FOUND rule holds.
            let code = status == .notFound ? "ROUTE_NOT_FOUND" : status.code < 500 ? ErrorCode.invalidArgument.rawValue : "INTERNAL"
            let message = status == .contentTooLarge ? "the request body is over 1 MiB" : status.reasonPhrase
            return body(status, code: code, message: message)
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return body(.internalServerError, code: "INTERNAL", message: "an internal error; it has been logged")
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
        let data = (try? JSONEncoder().encode(["code": code, "message": message])) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

