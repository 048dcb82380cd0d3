import App
import ArgumentParser
import Foundation
import HTTPServer

/// The keys of `serve` and `commerce token`. With neither a secret nor a JWKS file, both use a secret file
/// beside the database (`commerce.jwt-secret`, mode 0600, created on first use), so the server never accepts
/// unauthenticated writes and the first run needs no setup.
struct IdentityOptions: ParsableArguments {
    @Option(
        name: .customLong("jwt-secret"),
        help: ArgumentHelp(
            "The HS256 secret tokens are signed with, at least 32 bytes (also COMMERCE_JWT_SECRET).", valueName: "secret"))
    var secret: String?

    @Option(
        help: ArgumentHelp(
            "A JWKS file of public keys (RS256/ES256, by kid) from your identity provider (also COMMERCE_JWKS).", valueName: "path"))
    var jwks: String?

    /// The secret given, or the secret file's (created when missing) when no JWKS is given either.
    func secret(database: DatabaseSetting, environment: [String: String]) throws -> String? {
        if let given = secret ?? environment["COMMERCE_JWT_SECRET"] {
            guard given.utf8.count >= 32 else { throw ValidationError("--jwt-secret must be at least 32 bytes") }
            return given
        }
        if jwksPath(environment) != nil { return nil }
        do {
            return try SecretFile.loadOrCreate(Self.secretFile(for: database))
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func jwksPath(_ environment: [String: String]) -> String? { jwks ?? environment["COMMERCE_JWKS"] }

    /// The keys for `database`'s server.
    func tokens(database: DatabaseSetting, environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> AccessTokens
    {
        let secret = try secret(database: database, environment: environment)
        var document: String?
        if let path = jwksPath(environment) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("--jwks: cannot read '\(path)'")
            }
            document = text
        }
        do {
            return try await AccessTokens(secret: secret, jwks: document)
        } catch {
            throw ValidationError("--jwks: '\(jwksPath(environment) ?? "")' is not a JWKS document: \(error)")
        }
    }

    /// `commerce.jwt-secret` in the SQLite file's directory, or in the working directory for any other database.
    static func secretFile(for database: DatabaseSetting) -> String {
        if case .sqlite(let settings) = database, case .file(let path) = settings.storage {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("commerce.jwt-secret").path
        }
        return "commerce.jwt-secret"
    }
}
