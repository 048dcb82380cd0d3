import Foundation

/// Where the console reads lines from: GNU readline on a terminal, plain lines from a pipe, or a script
/// in tests.
public protocol LineReader: Sendable {
    /// The next line without its newline, or nil at the end of input (Ctrl-D).
    func readLine(prompt: String) -> String?
}

/// Reads plain lines from standard input with no prompt and no echo, so `commerce < file` and pipes work.
public struct PlainLineReader: LineReader {
    /// A reader of standard input.
    public init() {}

    public func readLine(prompt: String) -> String? { Swift.readLine(strippingNewline: true) }
}
