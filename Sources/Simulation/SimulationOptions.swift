import App

/// What `commerce simulate` runs: the seed, the size of the shop, the faults, the database, the mode.
public struct SimulationOptions: Sendable {
    /// Names the run: the same seed and options run the same steps and print the same output.
    public var seed: UInt64
    /// Steps in all, the products' setup included.
    public var steps: Int = 10_000
    public var users: Int = 20
    public var products: Int = 8
    public var faults: FaultPlan = .standard
    /// Where the shop's data lives (SQLite in memory by default); it must be empty.
    public var database: DatabaseSetting = .memory
    /// `--database` as given, for the replay command.
    public var databaseArgument: String?
    /// 1 runs one use case at a time, reproducibly; more runs that many simulated users at once, for real races.
    public var concurrent: Int = 1
    /// Bugs planted on purpose, to show the oracle finds them.
    public var plantedBugs: Set<PlantedBug> = []
    /// Steps between full audits of the database (the touched entities are checked after every step).
    public var auditEvery: Int = 100
    /// Whether a failure is shortened by replaying shorter runs.
    public var shrinks = true

    /// The options of a run with `seed` and the defaults.
    public init(seed: UInt64) { self.seed = seed }

    /// Refuses sizes a run cannot have.
    public func validate() throws(SimulationError) {
        guard steps >= 1, users >= 1, products >= 1, concurrent >= 1, auditEvery >= 1 else {
            throw SimulationError("--steps, --users, --products, --concurrent and --audit-every must be at least 1")
        }
    }

    /// The command line that runs these options again, with `steps` steps.
    public func replayCommand(steps: Int? = nil) -> String {
        var words = [
            "commerce simulate", "--seed \(seed)", "--steps \(steps ?? self.steps)", "--users \(users)", "--products \(products)",
            "--faults \(faults)",
        ]
        if let databaseArgument { words.append("--database \(databaseArgument)") }
        if concurrent > 1 { words.append("--concurrent \(concurrent)") }
        for bug in plantedBugs.sorted(by: { $0.rawValue < $1.rawValue }) { words.append("--plant-bug \(bug.rawValue)") }
        return words.joined(separator: " ")
    }

    var runSettings: Runner.RunSettings {
        Runner.RunSettings(users: users, database: database, plantedBugs: plantedBugs, auditEvery: auditEvery)
    }
}
