import App
import Simulation
import TestSupport
import Testing

/// The simulator's promises: a seed names a run, runs pass on the real engines with faults, a passing run
/// replays in the console, and the concurrent mode keeps the invariants.
// Serialized: each run keeps a core busy, and several at once starved the timing-bound tests of other suites
// (a 100 ms delivery timeout answered after 2.4 s in CI).
@Suite(.serialized) struct SimulatorTests {
    /// PostgreSQL runs a step in about ten times SQLite's time (round trips): its runs are shorter.
    private let onPostgres = TestEngine.current == .postgres

    @Test func theSameSeedPrintsTheSameOutputAndAnotherSeedDoesNot() async throws {
        var options = SimulationOptions(seed: 11)
        options.steps = 1_500
        let first = try await Simulator.run(options)
        let second = try await Simulator.run(options)
        #expect(first.passed, "\(first.violation.map(String.init(describing:)) ?? "")")
        #expect(first.summary() == second.summary())
        #expect(first.scenario == second.scenario)
        options.seed = 12
        let other = try await Simulator.run(options)
        #expect(other.summary() != first.summary())
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func seedsPassWithFaultsOnTheTestEngine(seed: UInt64) async throws {
        let (database, path) = try await simulationDatabase()
        defer { path.map(TestDatabase.remove) }
        var options = SimulationOptions(seed: seed)
        options.steps = onPostgres ? 800 : 2_500
        options.database = database
        let report = try await Simulator.run(options)
        #expect(report.passed, "\(report.violation.map(String.init(describing:)) ?? "")")
        #expect(report.stepsRun == options.steps)
        #expect(report.audits >= options.steps / 100)
        // Faults struck and were survived: transactions failed, answers were lost, retries ran.
        #expect((report.coverage.faultsFired[.failBeforeCommit] ?? 0) > 0)
        #expect((report.coverage.faultsFired[.serializationFailure] ?? 0) > 0)
    }

    @Test func aCrashOnAFileDatabaseClosesAndReopensTheSystem() async throws {
        let (database, path) = try await simulationDatabase()
        defer { path.map(TestDatabase.remove) }
        var options = SimulationOptions(seed: 4)
        options.steps = onPostgres ? 300 : 800
        options.database = database
        options.faults = FaultPlan(rates: [.crashAfterCommit: 0.2])
        let report = try await Simulator.run(options)
        #expect(report.passed, "\(report.violation.map(String.init(describing:)) ?? "")")
        #expect(report.restarts > 0)
        #expect(report.restarts == report.coverage.faultsFired[.crashAfterCommit])
    }

    @Test func aPassingRunReplaysInTheConsole() async throws {
        var options = SimulationOptions(seed: 5)
        options.steps = 1_500
        let report = try await Simulator.run(options)
        #expect(report.passed)
        #expect(report.scenario.contains("expect order $o"))
        let replay = try await replayInConsole(report.scenario)
        #expect(replay.passed, "\(replay.output.suffix(2_000))")
    }

    @Test func aDefaultRunReachesEveryBranchAndEveryFault() async throws {
        var options = SimulationOptions(seed: 1)
        options.steps = 10_000
        options.auditEvery = 1_000
        let report = try await Simulator.run(options)
        #expect(report.passed, "\(report.violation.map(String.init(describing:)) ?? "")")
        #expect(report.coverage.unreached(faults: options.faults) == [])
    }

    @Test func concurrentUsersKeepEveryInvariant() async throws {
        let (database, path) = try await simulationDatabase()
        defer { path.map(TestDatabase.remove) }
        var options = SimulationOptions(seed: 9)
        options.steps = onPostgres ? 600 : 1_200
        options.concurrent = 8
        options.database = database
        let report = try await Simulator.run(options)
        #expect(report.passed, "\(report.violation.map(String.init(describing:)) ?? "")")
        #expect(report.stepsRun == options.steps)
        // Real races were run: payments that lost to another payment of the same order or to the sweep.
        #expect((report.coverage.outcomes["pay"]?["OK"] ?? 0) > 0)
    }
}
