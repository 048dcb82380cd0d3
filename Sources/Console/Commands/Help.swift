import Kernel

/// Help, generated from the command table.
enum Help {
    static func text(for words: [String], terminal: Terminal) throws(DomainError) -> [String] {
        let specs = CommandTable.all.filter { $0.words.starts(with: words) }
        guard !specs.isEmpty else { throw .invalid("no command '\(words.joined(separator: " "))'; try 'help'") }
        let width = min(60, specs.map(\.usage.count).max() ?? 0)
        var lines = words.isEmpty ? [terminal.heading("Commands (docs/console.md has the whole language):")] : []
        lines += specs.map { spec in
            let usage =
                spec.usage.count <= width ? spec.usage.padding(to: width) : spec.usage + "\n" + String(repeating: " ", count: width + 2)
            return "  \(usage)  \(terminal.dim(spec.summary))"
        }
        if words.isEmpty {
            lines += [
                "",
                "Lines: '# comment', '## Phase title', '! COMMAND' must fail, '! COMMAND => CODE' must fail with CODE,",
                "'... as NAME' binds the new id to $NAME. Numbers take _ (100_000); durations 30s, 15m, 1h30m, 2d;",
                "times 2026-01-01T09:05:00Z. Tab completes commands, key= names and $NAMEs; Ctrl-R searches history.",
            ]
        }
        return lines
    }

    /// The README's command reference: a markdown table of every usage line and what it does.
    static var markdown: String {
        (["| command | effect |", "|---|---|"]
            + CommandTable.all.map { spec in
                "| `\(spec.usage.replacingOccurrences(of: "|", with: "\\|"))` | \(spec.summary) |"
            }).joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
