import Foundation

/// Where the REPL keeps its history.
public enum HistoryFile {
    /// `$COMMERCE_HISTORY`, else `$HOME/.commerce_history`, else the password file's home. `$HOME` comes first
    /// because Foundation's home directory on Linux is the password file's whatever `$HOME` says, which sent a
    /// sandboxed or `sudo -E` session's history to another user's home.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["COMMERCE_HISTORY"], !explicit.isEmpty { return explicit }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home.hasSuffix("/") ? home : home + "/") + ".commerce_history"
    }
}
