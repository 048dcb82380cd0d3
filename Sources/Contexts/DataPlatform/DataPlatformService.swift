import Foundation
import Kernel

/// The DataPlatform context's one public door: the outbox of events for the external data platform, their
/// immediate delivery after a commit, and the relay that retries what the platform did not take.
public struct DataPlatformService: Sendable {
    /// The context's name, which is also its participant in sequence diagrams (the seed's spelling).
    public static let name = "DataPlatForm"

    let database: Database
    let clock: any Clock
    let client: any DataPlatformClient
    let policy: RelayPolicy
    /// This instance's name on the events its relay claims: a sender whose lease ran out (another instance took the
    /// event over) cannot then reschedule the event under the new owner.
    let owner: String

    /// The outbox over `database`, delivering to `client`.
    public init(
        database: Database, clock: any Clock, client: any DataPlatformClient, policy: RelayPolicy = RelayPolicy(),
        owner: String = UUID().uuidString
    ) {
        self.database = database
        self.clock = clock
        self.client = client
        self.policy = policy
        self.owner = owner
    }

    /// The context's schema changes.
    public static var migrations: [Migration] { OutboxSchema.migrations }

    /// How the context plugs into the composition root: its table and the relay job (every 10 seconds).
    public var module: CommerceModule {
        CommerceModule(name: Self.name, migrations: Self.migrations, jobs: [relayJob])
    }
}
