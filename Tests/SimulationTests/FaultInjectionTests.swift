import App
import Kernel
import Simulation
import TestSupport
import Testing

/// The composition root's fault points do what their names say, on the test engine.
@Suite struct FaultInjectionTests {
    private func app(_ faults: FaultSwitch) async throws -> CommerceApp {
        let database: DatabaseSetting =
            TestEngine.current == .postgres ? .postgres(try await TestDatabase.freshSchema()) : .memory
        return try await CommerceApp.start(AppConfiguration(database: database, faults: faults))
    }

    @Test func aFaultBeforeTheCommitRollsBackAndAnswersUnavailable() async throws {
        let faults = FaultSwitch()
        let app = try await app(faults)
        faults.arm(.failBeforeCommit)
        await #expect(throws: DatabaseError.self) { _ = try await app.points.charge(UserID(rawValue: 1), amount: Money(won: 500)) }
        #expect(try await app.points.balance(of: UserID(rawValue: 1)).balance == .zero)
        #expect(faults.fired[.failBeforeCommit] == 1)
        // It fired once: the next charge goes through.
        _ = try await app.points.charge(UserID(rawValue: 1), amount: Money(won: 500))
        #expect(try await app.points.balance(of: UserID(rawValue: 1)).balance == Money(won: 500))
        try await app.close()
    }

    @Test func aCrashAfterTheCommitKeepsTheWorkAndLosesTheAnswer() async throws {
        let faults = FaultSwitch()
        let app = try await app(faults)
        faults.arm(.crashAfterCommit)
        await #expect(throws: InjectedCrash.self) { _ = try await app.points.charge(UserID(rawValue: 2), amount: Money(won: 700)) }
        #expect(try await app.points.balance(of: UserID(rawValue: 2)).balance == Money(won: 700))
        try await app.close()
    }

    @Test func aSerializationFailureIsRetriedWhole() async throws {
        let faults = FaultSwitch()
        let app = try await app(faults)
        faults.arm(.serializationFailure)
        #expect(try await app.points.charge(UserID(rawValue: 3), amount: Money(won: 900)).balance == Money(won: 900))
        #expect(faults.fired[.serializationFailure] == 1)
        #expect(try await app.points.history(of: UserID(rawValue: 3)).count == 1)
        try await app.close()
    }

    @Test func faultPlansParse() throws {
        #expect(try FaultPlan(parsing: "none") == .none)
        #expect(try FaultPlan(parsing: "default") == .standard)
        #expect(try FaultPlan(parsing: "all").rate(.platformHangs) == 0.05)
        let listed = try FaultPlan(parsing: "crash-after-commit:0.1,platform-hangs")
        #expect(listed.rate(.crashAfterCommit) == 0.1)
        #expect(listed.rate(.platformHangs) == SimulatedFault.platformHangs.defaultRate)
        #expect(listed.rate(.clockJump) == 0)
        #expect(throws: SimulationError.self) { try FaultPlan(parsing: "bogus") }
        #expect(throws: SimulationError.self) { try FaultPlan(parsing: "clock-jump:2") }
    }

    @Test func theSimulatorRefusesADatabaseThatIsNotEmpty() async throws {
        let path = TestDatabase.temporaryPath()
        defer { TestDatabase.remove(path) }
        let app = try await CommerceApp.start(AppConfiguration(database: .file(path)))
        _ = try await app.products.add(name: "Left over", price: Money(won: 100), stock: 1)
        try await app.close()
        var options = SimulationOptions(seed: 1)
        options.database = .file(path)
        await #expect(throws: SimulationError.self) { _ = try await Simulator.run(options) }
    }
}
