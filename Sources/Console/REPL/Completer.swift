/// Tab completion from the command table: command words, `key=` names, bound `$NAME`s and entity kinds.
public struct Completer: Sendable {
    private let bindings: @Sendable () -> [String]

    /// A completer offering the names `bindings` returns as `$NAME`s.
    public init(bindings: @escaping @Sendable () -> [String]) { self.bindings = bindings }

    /// The completions of `word`, the word under the cursor, given the text of the line `before` it.
    public func candidates(before: String, word: String) -> [String] {
        var previous = before.split(whereSeparator: \.isWhitespace).map(String.init)
        if previous.first == "!" { previous.removeFirst() }
        if word.hasPrefix("$") {
            return bindings().map { "$" + $0 }.filter { $0.hasPrefix(word) }.sorted()
        }
        if let equals = word.firstIndex(of: "="), word[word.index(after: equals)...].hasPrefix("$") {
            let key = word[...equals]
            return bindings().map { key + "$" + $0 }.filter { $0.hasPrefix(word) }.sorted()
        }
        // Still choosing the command: offer the next word of every command that starts like this line.
        let growing = CommandTable.all.filter { $0.words.count > previous.count && $0.words.starts(with: previous) }
        let nextWords = Set(growing.map { $0.words[previous.count] }).filter { $0.hasPrefix(word) }
        if !nextWords.isEmpty { return nextWords.sorted() }
        guard let spec = CommandTable.all.filter({ previous.starts(with: $0.words) }).max(by: { $0.words.count < $1.words.count })
        else { return [] }
        if spec.words == ["expect"], previous.count == 1 {
            return EntityView.kinds.keys.filter { $0.hasPrefix(word) }.sorted()
        }
        let used = Set(previous.compactMap { $0.split(separator: "=").first.map(String.init) })
        let keys = spec.keys ?? (previous.count >= 2 ? EntityView.kinds[previous[1]] ?? [] : [])
        return keys.filter { !used.contains($0) }.map { $0 + "=" }.filter { $0.hasPrefix(word) }
            + (spec.binds && "as".hasPrefix(word) && !word.isEmpty ? ["as"] : [])
    }

    /// The longest prefix shared by all of `words`.
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
