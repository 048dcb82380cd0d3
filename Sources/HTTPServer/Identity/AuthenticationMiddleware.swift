import HTTPTypes
import Hummingbird
import Kernel

/// Verifies the bearer token of every request but the open ones (`/health`, `/ready`, `/metrics`) and serves
/// the request as that ``Caller``. No token, or a malformed, expired or badly signed one: `401 UNAUTHENTICATED`
/// with `WWW-Authenticate: Bearer`.
struct AuthenticationMiddleware<Context: RequestContext>: RouterMiddleware {
    static var openPaths: Set<String> { ["/health", "/ready", "/metrics"] }

    let tokens: AccessTokens

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw EdgeError.unauthenticated("an Authorization: Bearer token is required")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw EdgeError.unauthenticated("the Authorization header must be 'Bearer <token>'")
        }
        guard let claims = await tokens.verify(String(parts[1])) else {
            throw EdgeError.unauthenticated("the token is malformed, expired or not signed by a trusted key")
        }
        guard let raw = Int64(claims.sub.value), raw > 0 else {
            throw EdgeError.unauthenticated("the token's sub must be a user id (a positive decimal number)")
        }
        let caller = Caller(userId: UserID(rawValue: raw), isAdmin: claims.role == "admin")
        RequestTrace.current?.authenticated(as: caller.userId)
        return try await Caller.$current.withValue(caller) { try await next(request, context) }
    }
}
