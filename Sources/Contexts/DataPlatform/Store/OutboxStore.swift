import Kernel

/// The DataPlatform context's SQL, in the caller's transaction.
struct OutboxStore {
    let tx: Transaction

    func insert(_ event: PlatformEvent, now: Timestamp, firstAttemptBy: Timestamp) async throws {
        try await tx.execute(
            """
            INSERT INTO dataplatform_outbox (event_id, kind, payload, created_at, attempts, next_attempt_at)
            VALUES (\(bind: event.eventId), \(bind: event.kind), \(bind: event.payload), \(bind: now.rawValue), 0,
                \(bind: firstAttemptBy.rawValue))
            """)
    }

    func find(eventId: String) async throws -> OutboxEvent? {
        try await tx.first("SELECT * FROM dataplatform_outbox WHERE event_id = \(bind: eventId)").map(Self.event)
    }

    func all() async throws -> [OutboxEvent] {
        try await tx.all("SELECT * FROM dataplatform_outbox ORDER BY id").map(Self.event)
    }

    func counts() async throws -> OutboxCounts {
        let row = try await tx.first(
            """
            SELECT COUNT(next_attempt_at) AS pending, COUNT(delivered_at) AS delivered,
                COUNT(CASE WHEN next_attempt_at IS NOT NULL THEN last_error END) AS failing,
                COUNT(dead_lettered_at) AS dead_lettered
            FROM dataplatform_outbox
            """)
        return OutboxCounts(
            pending: Int(try row?.decode(column: "pending", as: Int64.self) ?? 0),
            delivered: Int(try row?.decode(column: "delivered", as: Int64.self) ?? 0),
            failing: Int(try row?.decode(column: "failing", as: Int64.self) ?? 0),
            deadLettered: Int(try row?.decode(column: "dead_lettered", as: Int64.self) ?? 0))
    }

    /// Pending events whose next attempt is due, oldest first.
    func due(at now: Timestamp, limit: Int) async throws -> [OutboxEvent] {
        try await tx.all(
            """
            SELECT * FROM dataplatform_outbox WHERE next_attempt_at <= \(bind: now.rawValue) ORDER BY id LIMIT \(bind: limit)
            """
        ).map(Self.event)
    }

    func earliestAttempt() async throws -> Timestamp? {
        try await tx.first("SELECT MIN(next_attempt_at) AS due FROM dataplatform_outbox")?
            .decode(column: "due", as: Int64?.self).map(Timestamp.init(rawValue:))
    }

    /// Takes a due, pending event for one attempt by pushing its next attempt past the lease; false when
    /// another relay took it or it was delivered meanwhile.
    func claim(_ id: Int64, now: Timestamp, until: Timestamp, owner: String) async throws -> Bool {
        try await tx.first(
            """
            UPDATE dataplatform_outbox SET next_attempt_at = \(bind: until.rawValue), claimed_by = \(bind: owner)
            WHERE id = \(bind: id) AND next_attempt_at <= \(bind: now.rawValue)
            RETURNING id
            """) != nil
    }

    func markDelivered(_ eventId: String, at now: Timestamp) async throws {
        try await tx.execute(
            """
            UPDATE dataplatform_outbox
            SET delivered_at = \(bind: now.rawValue), next_attempt_at = NULL, attempts = attempts + 1, last_error = NULL,
                claimed_by = NULL
            WHERE event_id = \(bind: eventId) AND delivered_at IS NULL
            """)
    }

    /// Records a failed attempt (a refusal when `rejected`) and returns the event's attempts and refusals so far;
    /// nil when the event was delivered meanwhile or another relay instance (`claimed_by` not `owner`) holds it now.
    func markFailed(_ eventId: String, owner: String?, error: String, rejected: Bool) async throws -> (attempts: Int64, rejections: Int64)?
    {
        guard
            let row = try await tx.first(
                """
                UPDATE dataplatform_outbox
                SET attempts = attempts + 1, last_error = \(bind: error), rejections = rejections + \(bind: rejected ? 1 : 0)
                WHERE event_id = \(bind: eventId) AND delivered_at IS NULL AND dead_lettered_at IS NULL
                    AND (claimed_by IS NULL OR claimed_by = \(bind: owner ?? ""))
                RETURNING attempts, rejections
                """)
        else { return nil }
        return (try row.decode(column: "attempts", as: Int64.self), try row.decode(column: "rejections", as: Int64.self))
    }

    /// Schedules the event's next attempt.
    func schedule(_ eventId: String, at next: Timestamp) async throws {
        try await tx.execute("UPDATE dataplatform_outbox SET next_attempt_at = \(bind: next.rawValue) WHERE event_id = \(bind: eventId)")
    }

    /// Parks the event: no further attempts until ``requeue(_:at:)``.
    func deadLetter(_ eventId: String, at now: Timestamp) async throws {
        try await tx.execute(
            """
            UPDATE dataplatform_outbox SET next_attempt_at = NULL, dead_lettered_at = \(bind: now.rawValue), claimed_by = NULL
            WHERE event_id = \(bind: eventId)
            """)
    }

    /// Makes an undelivered event due at `now` with its refusals forgotten; false when there is no such event.
    func requeue(_ eventId: String, at now: Timestamp) async throws -> Bool {
        !(try await requeued(where: "event_id = \(bind: eventId) AND delivered_at IS NULL", at: now)).isEmpty
    }

    /// ``requeue(_:at:)`` for every dead-lettered event; returns their ids, oldest first.
    func requeueDeadLettered(at now: Timestamp) async throws -> [String] {
        try await requeued(where: "dead_lettered_at IS NOT NULL", at: now)
    }

    /// Makes the events matching `condition` due at `now` with their refusals forgotten; their ids, oldest first.
    private func requeued(where condition: SQL, at now: Timestamp) async throws -> [String] {
        try await tx.all(
            """
            UPDATE dataplatform_outbox
            SET next_attempt_at = \(bind: now.rawValue), dead_lettered_at = NULL, rejections = 0, claimed_by = NULL
            WHERE \(condition)
            RETURNING id, event_id
            """
        ).map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "event_id", as: String.self)) }
            .sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func event(_ row: SQLRow) throws -> OutboxEvent {
        OutboxEvent(
            id: try row.decode(column: "id", as: Int64.self),
            event: PlatformEvent(
                eventId: try row.decode(column: "event_id", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                payload: try row.decode(column: "payload", as: String.self)),
            createdAt: Timestamp(rawValue: try row.decode(column: "created_at", as: Int64.self)),
            attempts: try row.decode(column: "attempts", as: Int64.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: Int64?.self).map(Timestamp.init(rawValue:)),
            deliveredAt: try row.decode(column: "delivered_at", as: Int64?.self).map(Timestamp.init(rawValue:)),
            lastError: try row.decode(column: "last_error", as: String?.self),
            rejections: try row.decode(column: "rejections", as: Int64.self),
            deadLetteredAt: try row.decode(column: "dead_lettered_at", as: Int64?.self).map(Timestamp.init(rawValue:)))
    }
}
