import Kernel

/// Who sent the request being served, as its verified token says. Set by ``AuthenticationMiddleware`` for the
/// handler's task; every route but `/health`, `/ready` and `/metrics` has one.
public struct Caller: Sendable, Equatable {
    /// The token's `sub`.
    public let userId: UserID
    /// `role` was `admin`: may act for any user and manage the catalogue and coupon policies.
    public let isAdmin: Bool

    public init(userId: UserID, isAdmin: Bool) {
        self.userId = userId
        self.isAdmin = isAdmin
    }

    /// The caller of the request this task serves.
    @TaskLocal public static var current: Caller?

    /// The user a request acts for: the caller, unless it names someone else, which only an admin may.
    func acting(for named: Int64?) throws -> UserID {
        guard let named else { return userId }
        let user = try UserID(validating: named)
        guard user == userId || isAdmin else {
            throw EdgeError.forbidden("user \(userId) may not act for user \(user)")
        }
        return user
    }

    /// Throws `FORBIDDEN` unless the caller is an admin.
    func requireAdmin(_ what: String) throws {
        guard isAdmin else { throw EdgeError.forbidden("\(what) is for admins") }
    }
}

/// Failures of the HTTP edge itself, with codes that only the edge has.
public struct EdgeError: Error, Sendable, Equatable {
    /// `UNAUTHENTICATED`, `FORBIDDEN`, `UNAVAILABLE`, `INTERNAL`.
    public let code: String
    public let message: String

    static func unauthenticated(_ message: String) -> EdgeError { EdgeError(code: "UNAUTHENTICATED", message: message) }
    static func forbidden(_ message: String) -> EdgeError { EdgeError(code: "FORBIDDEN", message: message) }
}
