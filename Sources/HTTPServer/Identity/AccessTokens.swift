import Foundation
import JWTKit

/// The keys that verify bearer tokens: an HS256 secret, public keys from a JWKS document (RS256 or ES256, chosen
/// by the token's `kid`), or both. jwt-kit refuses `alg: none`, a token signed by a key of another algorithm, and
/// a bad signature.
public struct AccessTokens: Sendable {
    let keys: JWTKeyCollection
    /// The key ids of the JWKS document: a token's `kid` must be one of them.
    let kids: Set<String>
    /// Whether tokens can be signed here (an HS256 secret is configured).
    public let canSign: Bool

    /// Keys from an HS256 secret and/or a JWKS document's JSON.
    public init(secret: String?, jwks: String?) async throws {
        let keys = JWTKeyCollection()
        if let secret { await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256) }
        var kids: Set<String> = []
        if let jwks {
            let document = try JSONDecoder().decode(JWKS.self, from: Data(jwks.utf8))
            for key in document.keys {
                guard let kid = key.keyIdentifier?.string else {
                    throw JWTError.generic(identifier: "jwks", reason: "every JWKS key needs a kid")
                }
                kids.insert(kid)
                try await keys.add(jwk: key, isDefault: false)
            }
        }
        self.keys = keys
        self.kids = kids
        canSign = secret != nil
    }

    /// The claims of a valid token, or nil. The key is chosen strictly: a `kid` must name a JWKS key (jwt-kit would
    /// otherwise fall back to its default key), and a token without one is checked against the HS256 secret only.
    public func verify(_ token: String) async -> AccessClaims? {
        switch Self.kid(of: token) {
        case .some(let kid): guard kids.contains(kid) else { return nil }
        case .none: guard canSign else { return nil }
        }
        return try? await keys.verify(token, as: AccessClaims.self)
    }

    /// The `kid` of a token's header, if it has one (an unreadable header verifies as nothing anyway).
    static func kid(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var base64 = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        return object["kid"] as? String
    }

    /// A token for `user`, valid for `ttl`, signed with the secret.
    public func sign(user: Int64, admin: Bool, ttl: Duration, now: Date = Date()) async throws -> String {
        try await keys.sign(AccessClaims(user: user, expires: now.addingTimeInterval(Double(ttl.components.seconds)), admin: admin))
    }
}

/// Where the server's HS256 secret comes from when none is given: a file of random bytes, created on first start
/// with mode 0600, which `commerce token` reads the same way. So `serve` is never open to unauthenticated writes,
/// and the first-run path needs no setup.
public enum SecretFile {
    /// Reads the secret at `path`, creating it (32 random bytes, base64, mode 0600) when missing.
    public static func loadOrCreate(_ path: String) throws -> String {
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            let secret = existing.trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= 32 else { throw SecretFileError("\(path) holds fewer than 32 bytes: not a usable secret") }
            return secret
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let secret = Data(bytes).base64EncodedString()
        guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw SecretFileError("cannot create \(path)") }
        return secret
    }

    /// Reads the secret at `path`, or nil when there is none.
    public static func load(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The secret file cannot be read or written.
public struct SecretFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
