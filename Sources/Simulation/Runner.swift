import App
import DataPlatform
import Kernel

/// One run of a shop under the simulator: the system, the model the simulator keeps from its answers, the
/// checks after every step, the coverage, and the run written as a scenario. The same runner generates a run
/// and replays a recorded one (to shorten a failure), so both check the same things.
final class Runner {
    let settings: RunSettings
    private(set) var app: CommerceApp
    /// The simulated data platform, owned here so that it outlives a restart of the system.
    let platform: InMemoryDataPlatform
    let faults: FaultSwitch
    var model: Model
    var coverage = Coverage()
    var script = ScenarioScript()
    var restarts = 0
    /// Whether answers are compared with predictions exactly (one use case at a time); false in `--concurrent`
    /// rounds, where the races decide them.
    var exact = true
    /// Invariant checks made (touched entities after each step, and the full audits).
    var checks = 0
    var audits = 0
    private var sinceAudit = 0

    /// What a run needs besides its steps.
    struct RunSettings: Sendable {
        var users: Int
        var database: DatabaseSetting
        var plantedBugs: Set<PlantedBug>
        var auditEvery: Int
        var tracing = false
    }

    private init(settings: RunSettings, app: CommerceApp, platform: InMemoryDataPlatform, faults: FaultSwitch, model: Model) {
        self.settings = settings
        self.app = app
        self.platform = platform
        self.faults = faults
        self.model = model
    }

    /// Starts the system on an empty database.
    static func start(_ settings: RunSettings) async throws -> Runner {
        let platform = InMemoryDataPlatform()
        let faults = FaultSwitch()
        let origin = SimulatedClock.defaultStart
        let app = try await CommerceApp.start(
            configuration(settings, platform: platform, faults: faults, restarts: 0, start: origin))
        do {
            guard try await app.products.list().isEmpty, try await app.orders.orders().isEmpty else {
                throw SimulationError(
                    "the simulator needs an empty database: it checks that stock and money are conserved from the start")
            }
        } catch {
            try? await app.close()
            throw error
        }
        app.tracer.set(on: settings.tracing)
        return Runner(
            settings: settings, app: app, platform: platform, faults: faults, model: Model(users: settings.users, origin: origin))
    }

    /// The system's configuration: the simulated platform, a short delivery timeout (a hanging platform costs
    /// that much real time), event ids that read the same every run, and the fault switch.
    static func configuration(
        _ settings: RunSettings, platform: InMemoryDataPlatform, faults: FaultSwitch, restarts: Int, start: Timestamp
    ) -> AppConfiguration {
        AppConfiguration(
            database: settings.database, clock: .simulated(start: start), dataPlatform: .client(platform),
            relayPolicy: RelayPolicy(timeout: .milliseconds(20)),
            eventIds: .counting(restarts == 0 ? "event" : "event-r\(restarts)"), faults: faults, plantedBugs: settings.plantedBugs)
    }

    /// Whether a crash loses more than the answer: a file or server database is closed and reopened (as after
    /// `kill -9`); an in-memory one would vanish, so only the answer is lost.
    var crashRestartsTheSystem: Bool {
        switch settings.database {
        case .sqlite(let sqlite): if case .file = sqlite.storage { true } else { false }
        case .postgres: true
        case .provided: false
        }
    }

    /// Closes the system and opens it again on the same database, its clock where it was and its jobs on the
    /// same grid (started at the last whole minute since the origin, then moved to now).
    func restart() async throws {
        try await app.close()
        restarts += 1
        let aligned = model.lastSweep(atOrBefore: model.now)
        app = try await CommerceApp.start(
            Self.configuration(settings, platform: platform, faults: faults, restarts: restarts, start: aligned))
        app.tracer.set(on: settings.tracing)
        _ = try await app.scheduler.advance(to: model.now)
    }

    func close() async {
        try? await app.close()
    }

    /// Counts a step towards the next full audit, and runs it when due.
    func auditIfDue(step: Int, force: Bool = false) async -> Violation? {
        sinceAudit += 1
        guard force || sinceAudit >= settings.auditEvery else { return nil }
        sinceAudit = 0
        audits += 1
        return await Oracle(runner: self).audit(step: step)
    }
}
