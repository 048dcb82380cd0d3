// The physical ceiling of the pay and place use cases on this machine: their SQL, prepared once, stepped on one
// connection with no application code around it. The statement texts are the ones the stores send (see
// BENCHMARKS.md), so the ratio use case / ceiling is the cost of everything commerce adds.
#include "sqlite_ceiling.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int fail(sqlite3 *db, char *error, int size, const char *what) {
    snprintf(error, (size_t)size, "%s: %s", what, db ? sqlite3_errmsg(db) : "no connection");
    return -1;
}

/// Opens `path`, or, for "memory:PATH", a private in-memory database holding a copy of the file at PATH.
static int open_database(const char *path, const char *synchronous, sqlite3 **db, char *error, int size) {
    if (strncmp(path, "memory:", 7) == 0) {
        sqlite3 *source = 0;
        if (sqlite3_open(":memory:", db) != SQLITE_OK) return fail(*db, error, size, "open memory");
        if (sqlite3_open(path + 7, &source) != SQLITE_OK) { sqlite3_close(source); return fail(*db, error, size, "open source"); }
        sqlite3_backup *copy = sqlite3_backup_init(*db, "main", source, "main");
        int rc = copy ? sqlite3_backup_step(copy, -1) : SQLITE_ERROR;
        sqlite3_backup_finish(copy);
        sqlite3_close(source);
        if (rc != SQLITE_DONE) return fail(*db, error, size, "copy into memory");
        return 0;
    }
    if (sqlite3_open(path, db) != SQLITE_OK) return fail(*db, error, size, "open");
    char pragmas[200];
    snprintf(pragmas, sizeof pragmas, "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA busy_timeout=5000;", synchronous);
    if (sqlite3_exec(*db, pragmas, 0, 0, 0) != SQLITE_OK) return fail(*db, error, size, "pragmas");
    return 0;
}

/// Steps a statement to the end and resets it; -1 on an error.
static int run(sqlite3_stmt *statement) {
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {}
    sqlite3_reset(statement);
    return rc == SQLITE_DONE ? 0 : -1;
}

/// Prepares `count` statements once (SQLITE_PREPARE_PERSISTENT: they live for the whole run); -1 on an error.
static int prepare_all(sqlite3 *db, const char *const *texts, int count, sqlite3_stmt **statements, char *error, int size) {
    for (int j = 0; j < count; j++) {
        if (sqlite3_prepare_v3(db, texts[j], -1, SQLITE_PREPARE_PERSISTENT, &statements[j], 0) != SQLITE_OK) {
            return fail(db, error, size, texts[j]);
        }
    }
    return 0;
}

enum { PAY_STATEMENTS = 10 };

double commerce_pay_ceiling(const char *path, int n, long long now, const char *synchronous, char *error, int error_size) {
    sqlite3 *db = 0;
    if (open_database(path, synchronous, &db, error, error_size) != 0) { sqlite3_close(db); return -1; }
    // Bound as ?1 order id, ?2 product id, ?3 user id, ?4 now, ?5 event id; these are the stores' statements.
    const char *texts[PAY_STATEMENTS] = {
        "BEGIN IMMEDIATE",
        "SELECT o.*, l.product_id, l.quantity, l.unit_price FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id "
        "WHERE o.id = ?1 ORDER BY l.product_id",
        "UPDATE products SET stock = stock - 1 WHERE id = ?2 AND stock >= 1 RETURNING id",
        "UPDATE point_balances SET balance = balance - 1000 WHERE user_id = ?3 AND balance >= 1000 RETURNING balance",
        "INSERT INTO point_entries (user_id, kind, amount, balance_after, order_id, created_at) VALUES (?3, 'USE', 1000, 99000, ?1, ?4)",
        "UPDATE orders SET status = 'PAID', paid_at = ?4 WHERE id = ?1 AND status = 'PENDING' AND expires_at > ?4 RETURNING id",
        "INSERT INTO payments (order_id, user_id, amount, created_at, idempotency_key) VALUES (?1, ?3, 1000, ?4, NULL) RETURNING id",
        "INSERT INTO dataplatform_outbox (event_id, kind, payload, created_at, attempts, next_attempt_at) "
        "VALUES (?5, 'ORDER_PAID', ?6, ?4, 0, ?4 + 30)",
        "COMMIT",
        "UPDATE dataplatform_outbox SET delivered_at = ?4, next_attempt_at = NULL, attempts = attempts + 1, last_error = NULL "
        "WHERE event_id = ?5 AND delivered_at IS NULL",
    };
    sqlite3_stmt *statements[PAY_STATEMENTS] = {0};
    double result = -1;
    if (prepare_all(db, texts, PAY_STATEMENTS, statements, error, error_size) != 0) goto done;
    double started = seconds_now();
    char event[64], payload[400];
    for (int i = 1; i <= n; i++) {
        snprintf(event, sizeof event, "order-%d-paid", i);
        // About the size of the real event (PaidOrder as JSON, sorted keys).
        snprintf(payload, sizeof payload,
                 "{\"couponId\":null,\"discountAmount\":0,\"eventId\":\"order-%d-paid\",\"items\":[{\"productId\":%d,"
                 "\"quantity\":1,\"unitPrice\":1000}],\"orderId\":%d,\"paidAt\":\"2026-01-01T09:00:00Z\",\"payAmount\":1000,"
                 "\"paymentId\":%d,\"totalAmount\":1000,\"userId\":%d}", i, i, i, i, i);
        for (int j = 0; j < PAY_STATEMENTS; j++) {
            sqlite3_stmt *s = statements[j];
            int count = sqlite3_bind_parameter_count(s);
            for (int p = 1; p <= count; p++) {
                const char *name = sqlite3_bind_parameter_name(s, p);
                if (!name) continue;
                if (strcmp(name, "?1") == 0 || strcmp(name, "?2") == 0 || strcmp(name, "?3") == 0) sqlite3_bind_int64(s, p, i);
                else if (strcmp(name, "?4") == 0) sqlite3_bind_int64(s, p, now);
                else if (strcmp(name, "?5") == 0) sqlite3_bind_text(s, p, event, -1, SQLITE_STATIC);
                else if (strcmp(name, "?6") == 0) sqlite3_bind_text(s, p, payload, -1, SQLITE_STATIC);
            }
            if (run(s) != 0) { fail(db, error, error_size, texts[j]); goto done; }
        }
    }
    result = seconds_now() - started;
done:
    for (int j = 0; j < PAY_STATEMENTS; j++) sqlite3_finalize(statements[j]);
    sqlite3_close(db);
    return result;
}

enum { PLACE_STATEMENTS = 6 };

double commerce_place_ceiling(const char *path, int n, long long now, const char *synchronous, char *error, int error_size) {
    sqlite3 *db = 0;
    if (open_database(path, synchronous, &db, error, error_size) != 0) { sqlite3_close(db); return -1; }
    const char *texts[PLACE_STATEMENTS] = {
        "BEGIN IMMEDIATE",
        "SELECT id, name, price, stock FROM products WHERE id IN (?1)",
        "SELECT balance FROM point_balances WHERE user_id = ?1",
        "INSERT INTO orders (user_id, status, coupon_id, total_amount, discount_amount, pay_amount, created_at, expires_at) "
        "VALUES (?1, 'PENDING', NULL, 1000, 0, 1000, ?2, ?2 + 900) RETURNING id",
        "INSERT INTO order_lines (order_id, product_id, quantity, unit_price) VALUES (last_insert_rowid(), ?1, 1, 1000)",
        "COMMIT",
    };
    sqlite3_stmt *statements[PLACE_STATEMENTS] = {0};
    double result = -1;
    if (prepare_all(db, texts, PLACE_STATEMENTS, statements, error, error_size) != 0) goto done;
    double started = seconds_now();
    for (int i = 1; i <= n; i++) {
        for (int j = 0; j < PLACE_STATEMENTS; j++) {
            sqlite3_stmt *s = statements[j];
            int count = sqlite3_bind_parameter_count(s);
            for (int p = 1; p <= count; p++) {
                const char *name = sqlite3_bind_parameter_name(s, p);
                if (name && strcmp(name, "?1") == 0) sqlite3_bind_int64(s, p, i);
                else if (name && strcmp(name, "?2") == 0) sqlite3_bind_int64(s, p, now);
            }
            if (run(s) != 0) { fail(db, error, error_size, texts[j]); goto done; }
        }
    }
    result = seconds_now() - started;
done:
    for (int j = 0; j < PLACE_STATEMENTS; j++) sqlite3_finalize(statements[j]);
    sqlite3_close(db);
    return result;
}
