import CReadline
import Foundation
import Synchronization

/// GNU readline: line editing, a history file, Ctrl-R search, tab completion from the command table.
public final class ReadlineLineReader: LineReader {
    private let historyFile: String?

    /// Starts readline with `historyFile` (read now, written after each line) and `completer` for Tab.
    public init(historyFile: String?, completer: Completer) {
        self.historyFile = historyFile
        ReadlineCompletion.install(completer)
        cr_set_readline_name("commerce")
        cr_install_interrupt_handler()
        using_history()
        if let historyFile { read_history(historyFile) }
    }

    public func readLine(prompt: String) -> String? {
        guard let raw = cr_readline(prompt) else { return nil }
        defer { free(raw) }
        let line = String(cString: raw)
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
            add_history(raw)
            if let historyFile {
                // Appending keeps the history of concurrent sessions; truncating keeps the file small.
                if append_history(1, historyFile) != 0 { write_history(historyFile) }
                history_truncate_file(historyFile, 1000)
            }
        }
        return line
    }
}

/// readline calls completion through a plain C function pointer with no context argument, so the completer
/// it uses has to be reachable from a process-wide place: this one, behind a lock.
enum ReadlineCompletion {
    private static let completer = Mutex<Completer?>(nil)

    static func install(_ completer: Completer) {
        self.completer.withLock { $0 = completer }
        cr_set_completion(complete)
    }

    /// readline's `rl_attempted_completion_function`: a malloc'd, NULL-terminated array whose first entry is
    /// the text to insert (the matches' common prefix), followed by the matches.
    private static let complete:
        @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, _ in
            cr_set_attempted_completion_over()
            guard let text, let buffer = cr_line_buffer() else { return nil }
            let before = String(String(cString: buffer).utf8.prefix(Int(start))) ?? ""
            guard let matches = completer.withLock({ $0 })?.candidates(before: before, word: String(cString: text)), !matches.isEmpty
            else { return nil }
            cr_set_completion_append_character(matches.count == 1 && matches[0].hasSuffix("=") ? 0 : 32)
            let entries = [Completer.commonPrefix(matches)] + matches
            let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: entries.count + 1)
            for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
            array[entries.count] = nil
            return array
        }
}
