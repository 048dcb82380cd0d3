import Kernel

/// The DataPlatform context's table: the outbox.
enum OutboxSchema {
    static let migrations = [
        Migration(id: "dataplatform.001-create-outbox") { tx in
            try await tx.sql.create(table: "dataplatform_outbox")
                .column("id", type: .bigint, .primaryKey)
                .column("event_id", type: .text, .notNull, .unique)
                .column("kind", type: .text, .notNull)
                .column("payload", type: .text, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("attempts", type: .bigint, .notNull)
                .column("next_attempt_at", type: .bigint)  // NULL once delivered, so the index holds pending events only
                .column("delivered_at", type: .bigint)
                .column("last_error", type: .text)
                .run()
            try await tx.sql.create(index: "outbox_by_next_attempt").on("dataplatform_outbox").column("next_attempt_at").run()
        }
    ]
}
