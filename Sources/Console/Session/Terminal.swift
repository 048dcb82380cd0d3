import Foundation

/// Where the console writes, and whether it may use color (a terminal, and `NO_COLOR` unset).
public struct Terminal: Sendable {
    /// Writes one line (without its newline).
    public let writeLine: @Sendable (String) -> Void
    /// Whether to use ANSI colors.
    public let color: Bool

    /// A terminal writing lines through `writeLine`.
    public init(color: Bool = false, writeLine: @escaping @Sendable (String) -> Void) {
        self.color = color
        self.writeLine = writeLine
    }

    /// Standard output, colored when it is a terminal and `NO_COLOR` is not set (no-color.org).
    public static func standardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let color = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true
        return Terminal(color: color) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    func paint(_ text: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func error(_ text: String) -> String { paint(text, "31") }
    func success(_ text: String) -> String { paint(text, "32") }
    func heading(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
}
