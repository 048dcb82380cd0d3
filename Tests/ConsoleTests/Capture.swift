import App
import Console
import Foundation
import Kernel
import Synchronization
import TestSupport

/// A system on a fresh database of the test engine (SQLite in memory, or a new PostgreSQL schema).
func testApp(_ configuration: AppConfiguration = AppConfiguration()) async throws -> CommerceApp {
    var configuration = configuration
    configuration.database = .provided(try await TestDatabase.open(path: nil))
    configuration.eventIds = configuration.eventIds ?? .counting("event")  // a fresh database, as the console's own
    return try await CommerceApp.start(configuration)
}

/// A console session whose output is kept for assertions.
final class Captured: Sendable {
    private let lines = Mutex<[String]>([])
    let session: ConsoleSession

    init(app given: CommerceApp? = nil) async throws {
        let app: CommerceApp
        if let given { app = given } else { app = try await testApp() }
        let box = Box()
        session = ConsoleSession(app: app, terminal: Terminal { box.append($0) })
        box.owner.withLock { $0 = self }
    }

    private final class Box: Sendable {
        let owner = Mutex<Captured?>(nil)
        func append(_ line: String) { owner.withLock { $0 }?.lines.withLock { $0.append(line) } }
    }

    var output: [String] { lines.withLock { $0 } }
    var text: String { output.joined(separator: "\n") }
    func clear() { lines.withLock { $0.removeAll() } }

    /// Runs lines as the REPL would and returns what they printed.
    @discardableResult
    func run(_ lines: String...) async -> [String] {
        clear()
        for line in lines { _ = await session.interact(line) }
        return output
    }
}

/// The package root, for scenario files and the README.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
