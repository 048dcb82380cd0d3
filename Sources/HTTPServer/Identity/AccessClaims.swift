import Foundation
import JWTKit

/// The claims commerce reads from a bearer token: `sub`, the user id as a decimal string; `exp`, required;
/// `role`, `"admin"` for an operator.
public struct AccessClaims: JWTPayload, Equatable {
    public var sub: SubjectClaim
    public var exp: ExpirationClaim
    public var role: String?

    /// Claims for `user`, valid until `expires`.
    public init(user: Int64, expires: Date, admin: Bool = false) {
        sub = SubjectClaim(value: String(user))
        exp = ExpirationClaim(value: expires)
        role = admin ? "admin" : nil
    }

    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
    }
}
