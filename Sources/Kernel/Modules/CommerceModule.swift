/// How a bounded context plugs into the running system: the composition root keeps one list of these and
/// derives the schema and the schedule from it, so adding a context means adding one entry to that list.
public struct CommerceModule: Sendable {
    /// The context's name, which is also its participant in sequence diagrams (`Order`, `DataPlatForm`).
    public let name: String
    /// The context's own schema changes, applied in order, each once.
    public let migrations: [Migration]
    /// The context's periodic jobs.
    public let jobs: [ScheduledJob]
    /// The error codes the context declares (an extension of ``ErrorCode`` beside its use cases).
    public let errorCodes: [ErrorCode]

    /// Describes a context to the composition root.
    public init(name: String, migrations: [Migration], jobs: [ScheduledJob] = [], errorCodes: [ErrorCode] = []) {
        self.name = name
        self.migrations = migrations
        self.jobs = jobs
        self.errorCodes = errorCodes
    }
}
