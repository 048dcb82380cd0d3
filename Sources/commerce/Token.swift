import App
import ArgumentParser
import Foundation
import HTTPServer
import Kernel

/// `commerce token`: a bearer token signed with the server's secret, for development, scripts and tests.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a bearer token for the HTTP API, signed with the server's HS256 secret.",
        discussion: """
            The secret is --jwt-secret, COMMERCE_JWT_SECRET, or the secret file that `serve` uses (commerce.jwt-secret \
            beside the database; give the same --database). Example:
              TOKEN=$(commerce token --user 1)
              curl -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/users/1/points
            """
    )

    @Option(help: ArgumentHelp("The user the token is for (its sub).", valueName: "id"))
    var user: Int64

    @Flag(help: "Make the token an admin's (role: admin): it may manage the catalogue and act for any user.")
    var admin = false

    @Option(help: ArgumentHelp("How long the token is valid (default 1h; 1s to 30d).", valueName: "duration"))
    var ttl: String = "1h"

    @OptionGroup var identity: IdentityOptions
    @OptionGroup(title: "Database (only to find the secret file beside it)") var databaseOptions: DatabaseOptions

    func run() async throws {
        guard user >= 1 else { throw ValidationError("--user must be a positive user id") }
        let span: TimeSpan
        do { span = try TimeSpan(parsing: ttl) } catch { throw ValidationError("--ttl: \(error.message)") }
        guard (1...(30 * 86_400)).contains(span.seconds) else { throw ValidationError("--ttl must be 1s to 30d") }
        let environment = ProcessInfo.processInfo.environment
        let database = try databaseOptions.setting(default: .file("commerce.sqlite"), environment: environment)
        guard let secret = try identity.secret(database: database, environment: environment) else {
            throw ValidationError("tokens of a JWKS key come from your identity provider; commerce signs only with a secret")
        }
        let tokens = try await AccessTokens(secret: secret, jwks: nil)
        print(try await tokens.sign(user: user, admin: admin, ttl: .seconds(span.seconds)))
    }
}
