import App
import ArgumentParser
import Console
import Foundation
import Kernel

/// `commerce outbox`: the data platform's outbox of a deployed database, for the operator.
struct Outbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the outbox of events for the data platform, or requeue undelivered ones.",
        discussion: """
            An event the receiver refused 3 times (an HTTP 4xx other than 408/429, or a redirect) is dead-lettered: \
            the relay stops trying it. Fix the receiver, then requeue it. Works while `serve` runs, on the same --database.
              commerce outbox list --database commerce.sqlite
              commerce outbox retry 1b4e28ba-2fa1-4d3b-9a5c-7f2e1c0d9e8f
              commerce outbox retry --all-dead
            """,
        subcommands: [List.self, Retry.self],
        defaultSubcommand: List.self
    )

    /// Opens the system on the database, for one operator command.
    static func withApp(_ options: DatabaseOptions, _ body: (CommerceApp) async throws -> Void) async throws {
        let database = try options.setting(default: .file("commerce.sqlite"))
        let app = try await CommerceApp.start(AppConfiguration(database: database, clock: .system))
        do {
            try await body(app)
        } catch {
            try? await app.close()
            throw error
        }
        try await app.close()
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every event: pending, delivered or dead-lettered, with its attempts.")

        @OptionGroup(title: "Database (default: the SQLite file commerce.sqlite)") var databaseOptions: DatabaseOptions

        func run() async throws {
            try await Outbox.withApp(databaseOptions) { app in
                for line in OutboxListing.lines(try await app.dataPlatform.events()) { print(line) }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requeue undelivered events: the relay of a running `serve` sends them within 10 seconds.")

        @Argument(help: ArgumentHelp("The events' ids (as `outbox list` shows them).", valueName: "event-id"))
        var eventIds: [String] = []

        @Flag(help: "Requeue every dead-lettered event.")
        var allDead = false

        @OptionGroup(title: "Database (default: the SQLite file commerce.sqlite)") var databaseOptions: DatabaseOptions

        func validate() throws {
            guard allDead != !eventIds.isEmpty else { throw ValidationError("give event ids or --all-dead, not both or neither") }
        }

        func run() async throws {
            try await Outbox.withApp(databaseOptions) { app in
                let requeued: [String]
                if allDead {
                    requeued = try await app.dataPlatform.requeueDeadLettered()
                } else {
                    for eventId in eventIds {
                        do { try await app.dataPlatform.requeue(eventId: eventId) } catch let error as DomainError {
                            FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                            throw ExitCode.failure
                        }
                    }
                    requeued = eventIds
                }
                print(requeued.isEmpty ? "no dead-lettered event" : requeued.map { "requeued \($0)" }.joined(separator: "\n"))
            }
        }
    }
}
