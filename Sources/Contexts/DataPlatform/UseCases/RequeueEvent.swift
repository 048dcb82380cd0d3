import Kernel

extension DataPlatformService {
    /// Makes an undelivered event due now, with its refusals forgotten: the operator's way out of the dead-letter
    /// state once the receiver is fixed (`commerce outbox retry EVENT-ID`). It also hurries an event that is
    /// only waiting out its backoff. The next relay pass sends it.
    public func requeue(eventId: String) async throws {
        let now = clock.now()
        let found = try await database.write { tx -> Bool in
            let store = OutboxStore(tx: tx)
            if try await store.requeue(eventId, at: now) { return true }
            guard try await store.find(eventId: eventId) != nil else { return false }
            throw DomainError.invalid("event \(eventId) was already delivered")
        }
        guard found else { throw DomainError.invalid("there is no event \(eventId) in the outbox") }
    }

    /// Requeues every dead-lettered event (once the receiver is fixed) and returns their ids, oldest first.
    public func requeueDeadLettered() async throws -> [String] {
        let now = clock.now()
        return try await database.write { tx in try await OutboxStore(tx: tx).requeueDeadLettered(at: now) }
    }
}
