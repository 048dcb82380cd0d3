import App
import Console
import Foundation
import Simulation
import Synchronization
import TestSupport

/// The database a simulation in the tests runs on: a SQLite file (so that crashes close and reopen it), or on
/// the PostgreSQL run a fresh schema; and the path to remove afterwards.
func simulationDatabase() async throws -> (DatabaseSetting, String?) {
    switch TestEngine.current {
    case .sqlite:
        let path = TestDatabase.temporaryPath()
        return (.file(path), path)
    case .postgres:
        return (.postgres(try await TestDatabase.freshSchema()), nil)
    }
}

/// Runs `script` as `commerce run` does, on a fresh in-memory system with `bugs` planted; whether it passed and
/// what it printed.
func replayInConsole(_ script: String, plantedBugs bugs: Set<PlantedBug> = []) async throws -> (passed: Bool, output: String) {
    let path = TestDatabase.temporaryPath(".scn")
    defer { TestDatabase.remove(path) }
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    let app = try await CommerceApp.start(AppConfiguration(plantedBugs: bugs))
    let lines = Mutex<[String]>([])
    let session = ConsoleSession(app: app, terminal: Terminal { line in lines.withLock { $0.append(line) } })
    let passed = await session.runScripts([path], step: false, verbose: false)
    try await app.close()
    return (passed, lines.withLock { $0.joined(separator: "\n") })
}
