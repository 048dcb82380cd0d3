#ifndef COMMERCE_SQLITE_CEILING_H
#define COMMERCE_SQLITE_CEILING_H

/// The pay use case's statements, exactly as the application issues them, through the SQLite C API: one
/// connection, every statement prepared once, WAL and the given `synchronous` setting; "memory:PATH" copies the
/// file at PATH into a private in-memory database first. Pays orders 1...n of a
/// database the application seeded (one PENDING order of one line per user and product) and returns the
/// elapsed seconds, or a negative number with the message in `error` (of `error_size` bytes).
double commerce_pay_ceiling(const char *path, int n, long long now, const char *synchronous, char *error, int error_size);

/// The place-order use case's statements in the same way: places one order of one unit per user 1...n.
double commerce_place_ceiling(const char *path, int n, long long now, const char *synchronous, char *error, int error_size);

#endif
