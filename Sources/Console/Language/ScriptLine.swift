import Kernel

/// One line of the console language, classified before any command runs.
public enum ScriptLine: Sendable, Equatable {
    /// Nothing to do: blank, or only a comment.
    case blank
    /// `## Title`: the start of a phase.
    case phase(String)
    /// A command, possibly negated (`! COMMAND` or `! COMMAND => CODE`).
    case command(CommandLine)

    /// Classifies a line. Fails with `INVALID_ARGUMENT` for an unterminated quote, a `=> CODE` that is not one
    /// of `codes` (of the form of a code, when `codes` is nil), or `!` with no command.
    public static func parse(_ text: String, codes: [ErrorCode]? = nil) throws(DomainError) -> ScriptLine {
        let trimmed = text.trimmedOfWhitespace
        if trimmed.hasPrefix("##") { return .phase(String(trimmed.dropFirst(2)).trimmedOfWhitespace) }
        var words = try Tokenizer.words(of: text)
        guard !words.isEmpty else { return .blank }
        var negation: Negation?
        if words[0].isBare("!") || (words[0].quotedParts.isEmpty && words[0].raw.hasPrefix("!")) {
            if words[0].isBare("!") { words.removeFirst() } else { words[0] = words[0].droppingFirstCharacter() }
            negation = Negation(code: nil)
            if let arrow = words.lastIndex(where: { $0.isBare("=>") }) {
                let written = arrow == words.count - 2 ? words[arrow + 1].raw : ""
                let known =
                    codes.map { $0.first { $0.rawValue == written } } ?? (ErrorCode.isWellFormed(written) ? ErrorCode(written) : nil)
                guard let code = known else {
                    let list = codes.map { ": " + $0.map(\.rawValue).joined(separator: ", ") } ?? ""
                    throw .invalid("'=> CODE' must end the line with one of the codes\(list)")
                }
                negation = Negation(code: code)
                words.removeLast(2)
            }
            guard !words.isEmpty else { throw .invalid("'!' needs a command to run") }
        }
        return .command(CommandLine(words: words, negation: negation))
    }
}

/// A command as written, before `$NAME`s are substituted.
public struct CommandLine: Sendable, Equatable {
    /// The words, quotes resolved.
    public let words: [Word]
    /// Set for `! COMMAND`: the command must fail (with `code`, when given).
    public let negation: Negation?
}

/// `!` and its optional expected code.
public struct Negation: Sendable, Equatable {
    /// The code the command must fail with; nil for any domain error.
    public let code: ErrorCode?
}

/// A word of a line: its text and which parts of it were quoted (quoted text is taken literally: no `$NAME`,
/// no `key=value`).
public struct Word: Sendable, Equatable {
    /// The text with quotes removed.
    public let raw: String
    /// The ranges (character offsets in `raw`) that were inside double quotes.
    public let quotedParts: [Range<Int>]

    public init(raw: String, quotedParts: [Range<Int>] = []) {
        self.raw = raw
        self.quotedParts = quotedParts
    }

    /// True for an unquoted word equal to `text`.
    public func isBare(_ text: String) -> Bool { quotedParts.isEmpty && raw == text }

    /// For `key=value` with the `=` outside quotes: the key and the value's word.
    public var keyValue: (key: String, value: Word)? {
        guard let equals = raw.firstIndex(of: "=") else { return nil }
        let offset = raw.distance(from: raw.startIndex, to: equals)
        guard offset > 0, !quotedParts.contains(where: { $0.lowerBound <= offset }) else { return nil }
        let key = String(raw[..<equals])
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        let shifted = quotedParts.map { ($0.lowerBound - offset - 1)..<($0.upperBound - offset - 1) }
        return (key, Word(raw: String(raw[raw.index(after: equals)...]), quotedParts: shifted))
    }

    func droppingFirstCharacter() -> Word {
        Word(raw: String(raw.dropFirst()), quotedParts: quotedParts.map { ($0.lowerBound - 1)..<($0.upperBound - 1) })
    }

    /// Replaces each `$NAME` outside quotes with its binding; `INVALID_ARGUMENT` naming an unknown one.
    public func substituting(_ bindings: [String: String]) throws(DomainError) -> String {
        let characters = Array(raw)
        var result = "", index = 0
        while index < characters.count {
            let quoted = quotedParts.contains { $0.contains(index) }
            guard characters[index] == "$", !quoted else {
                result.append(characters[index])
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_",
                !quotedParts.contains(where: { $0.contains(end) })
            {
                end += 1
            }
            let name = String(characters[(index + 1)..<end])
            guard !name.isEmpty else { throw .invalid("'$' must be followed by a name") }
            guard let value = bindings[name] else {
                let known = bindings.keys.sorted().map { "$" + $0 }.joined(separator: ", ")
                throw .invalid("unknown $\(name)" + (known.isEmpty ? " (nothing is bound yet; use 'as NAME')" : " (bound: \(known))"))
            }
            result += value
            index = end
        }
        return result
    }
}

/// Splits a line into words: spaces separate, double quotes group (with `\"` and `\\` inside), `#` outside
/// quotes starts a comment.
enum Tokenizer {
    static func words(of line: String) throws(DomainError) -> [Word] {
        var words: [Word] = [], current = "", quoted: [Range<Int>] = [], inWord = false
        var iterator = Array(line).makeIterator()
        func finish() {
            if inWord { words.append(Word(raw: current, quotedParts: quoted)) }
            (current, quoted, inWord) = ("", [], false)
        }
        while let character = iterator.next() {
            switch character {
            case "#":
                finish()
                return words
            case "\"":
                inWord = true
                let start = current.count
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\", let escaped = iterator.next() { current.append(escaped); continue }
                    current.append(next)
                }
                guard closed else { throw .invalid("unterminated quote") }
                quoted.append(start..<current.count)
            case let space where space.isWhitespace:
                finish()
            default:
                inWord = true
                current.append(character)
            }
        }
        finish()
        return words
    }
}
