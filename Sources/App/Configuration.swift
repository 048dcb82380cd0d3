import CoreMetrics
import DataPlatform
import Kernel
import Point
@_exported import PostgresEngine
@_exported import SQLiteEngine

/// Everything the composition root needs to build a running system.
public struct AppConfiguration: Sendable {
    /// Which clock the system reads.
    public enum ClockSetting: Sendable, Equatable {
        /// The machine's clock; jobs run on real timers (`commerce serve`).
        case system
        /// A simulated clock starting at the given instant; jobs run when it is advanced (REPL, scenarios, tests).
        case simulated(start: Timestamp)
    }

    /// Where events for the data platform go.
    public enum DataPlatformSetting: Sendable {
        /// An in-memory recorder that the console can switch down and up.
        case inMemory
        /// A JSON-lines file (the server's default).
        case jsonLines(path: String)
        /// Any other client, such as an HTTP webhook.
        case client(any DataPlatformClient)
    }

    /// The database: SQLite in memory or in a file, or PostgreSQL.
    public var database: DatabaseSetting
    public var clock: ClockSetting
    /// How long an unpaid order lives (docs/console.md: 15 minutes).
    public var orderTimeToLive: TimeSpan
    /// Point charging limits.
    public var pointRules: PointRules
    public var dataPlatform: DataPlatformSetting
    /// Delivery timeout and retry schedule for the data platform.
    public var relayPolicy: RelayPolicy
    /// Where the system's metrics go (``CommerceMetrics``); nil counts nothing.
    public var metrics: (any MetricsFactory)?
    /// The ids of the events sent to the data platform. Nil chooses: `event-1`, `event-2`, … when both the
    /// database and the platform live and die with the process (REPL sessions and scenarios read the same every
    /// run), random UUIDs otherwise, since a receiver outlives the process and deduplicates by id.
    public var eventIds: UniqueNames?
    /// Faults to inject into write transactions (``FaultSwitch``), for the simulator; nil in production.
    public var faults: FaultSwitch?
    /// Bugs planted on purpose (``PlantedBug``), to prove the simulator finds them; empty in production.
    public var plantedBugs: Set<PlantedBug>

    /// The event ids in effect (see ``eventIds``).
    var effectiveEventIds: UniqueNames {
        if let eventIds { return eventIds }
        if case .sqlite(let settings) = database, case .memory = settings.storage, case .inMemory = dataPlatform {
            return .counting("event")
        }
        return .random
    }

    /// The defaults: in memory, simulated clock at `2026-01-01T09:00:00Z`, 15-minute orders, in-memory platform.
    public init(
        database: DatabaseSetting = .memory,
        clock: ClockSetting = .simulated(start: SimulatedClock.defaultStart), orderTimeToLive: TimeSpan = .minutes(15),
        pointRules: PointRules = PointRules(), dataPlatform: DataPlatformSetting = .inMemory,
        relayPolicy: RelayPolicy = RelayPolicy(), metrics: (any MetricsFactory)? = nil, eventIds: UniqueNames? = nil,
        faults: FaultSwitch? = nil, plantedBugs: Set<PlantedBug> = []
    ) {
        self.faults = faults
        self.plantedBugs = plantedBugs
        self.eventIds = eventIds
        self.database = database
        self.clock = clock
        self.orderTimeToLive = orderTimeToLive
        self.pointRules = pointRules
        self.dataPlatform = dataPlatform
        self.relayPolicy = relayPolicy
        self.metrics = metrics
    }
}
