import Kernel

/// The DataPlatform context's table: the outbox.
enum OutboxSchema {
    static let migrations = [
        Migration(id: "dataplatform.001-create-outbox") { dialect in
            [
                """
                CREATE TABLE dataplatform_outbox (
                    id \(raw: dialect.generatedPrimaryKey),
                    event_id TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    attempts BIGINT NOT NULL,
                    next_attempt_at BIGINT,
                    delivered_at BIGINT,
                    last_error TEXT)
                """,  // next_attempt_at is NULL once delivered, so the index holds pending events only
                "CREATE INDEX outbox_by_next_attempt ON dataplatform_outbox (next_attempt_at)",
            ]
        },
        // Who holds the event's lease: the relay instance that claimed it last (NULL for the immediate attempt).
        Migration(id: "dataplatform.002-claim-owner", statements: ["ALTER TABLE dataplatform_outbox ADD COLUMN claimed_by TEXT"]),
        // Refusals since the event was written or requeued, and when the relay parked it (next_attempt_at is then
        // NULL, so the pending index skips it).
        Migration(
            id: "dataplatform.003-dead-letter",
            statements: [
                "ALTER TABLE dataplatform_outbox ADD COLUMN rejections BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE dataplatform_outbox ADD COLUMN dead_lettered_at BIGINT",
            ]),
    ]
}
