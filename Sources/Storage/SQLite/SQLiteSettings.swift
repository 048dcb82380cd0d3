import Foundation
import Kernel

/// Where a SQLite database lives.
public enum SQLiteStorage: Sendable, Equatable {
    /// A private in-memory database on exactly one connection.
    case memory
    /// A database file, in WAL mode, with one writer connection and several readers.
    case file(path: String)
}

/// How much a committed transaction survives, SQLite's `synchronous` setting.
public enum SQLiteSynchronous: String, Sendable, CaseIterable {
    /// `NORMAL` in WAL mode: a commit survives a crash of the process; a power loss or an OS crash can lose the
    /// last transactions (never corrupt the file).
    case normal = "NORMAL"
    /// `FULL`: the WAL is synced at every commit, so a commit also survives a power loss. Costs an `fsync` each.
    case full = "FULL"
}

/// Tuning for a SQLite database.
public struct SQLiteSettings: Sendable {
    /// Where the database lives.
    public var storage: SQLiteStorage
    /// Read-only connections for a file database, each on its own thread; reads run in parallel with the writer.
    public var readers: Int
    /// How long a writer waits for another process's write lock before failing with `unavailable`.
    public var busyTimeout: Duration
    /// What a commit survives.
    public var synchronous: SQLiteSynchronous
    /// Whether this process's writers take turns on one connection (the default) before they take SQLite's write
    /// lock. Off, the engine opens several writer connections that contend for that lock through the busy timeout,
    /// as separate processes do; tests switch it off to show that correctness comes from the conditional updates.
    public var queueWritersInProcess: Bool

    /// The defaults: 2 readers, a 5 s busy timeout, `synchronous=NORMAL`, writers queued in-process.
    public init(
        storage: SQLiteStorage, readers: Int = 2, busyTimeout: Duration = .seconds(5), synchronous: SQLiteSynchronous = .normal,
        queueWritersInProcess: Bool = true
    ) {
        self.storage = storage
        self.readers = readers
        self.busyTimeout = busyTimeout
        self.synchronous = synchronous
        self.queueWritersInProcess = queueWritersInProcess
    }
}
