import PostgresEngine
import SQLiteEngine

/// What a commit survives, one setting for both engines (`--durability`). Unset, each engine keeps its default:
/// `normal` on SQLite, `full` on PostgreSQL.
///
/// - SQLite `normal` (`synchronous=NORMAL` in WAL): a commit survives a crash of the process; an OS crash or a
///   power loss can roll back the last transactions (never corrupt the file). `full` (`synchronous=FULL`): the WAL
///   is synced at every commit, so a commit survives a power loss too, at the cost of an `fsync` each
///   (BENCHMARKS.md). `normal` is the default because an embedded shop's first risk is its own process, and
///   the measured cost of `full` is most of the write path.
/// - PostgreSQL `full` (`synchronous_commit=on`, PostgreSQL's default): a commit survives a crash of the server
///   or the machine. `normal` (`off`): commits are acknowledged before the WAL flush, and a server or OS crash can
///   lose the last few hundred milliseconds of them (never corrupt the database).
public enum Durability: String, Sendable, CaseIterable {
    case normal
    case full

    /// `setting` with this durability.
    public func applied(to setting: DatabaseSetting) -> DatabaseSetting {
        switch setting {
        case .sqlite(var settings):
            settings.synchronous = self == .full ? .full : .normal
            return .sqlite(settings)
        case .postgres(var settings):
            settings.synchronousCommit = self == .full ? .on : .off
            return .postgres(settings)
        case .provided:
            return setting
        }
    }
}
