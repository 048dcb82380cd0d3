/// One SQL statement with its bound values, written once for every engine.
///
/// Values go in with `\(bind: value)` and become the engine's placeholder (`?` on SQLite, `$1` on PostgreSQL),
/// never text; `\(bind: list)` expands a non-empty list to `?, ?, ?` for `IN (...)`; `\(raw: text)` splices
/// trusted text such as a ``SQLDialect`` fragment. A string literal with no interpolation is a statement
/// without values.
///
/// ```swift
/// try await tx.first("SELECT stock FROM products WHERE id = \(bind: id.rawValue)")
/// ```
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// A piece of a statement: literal text or a bound value.
    public enum Piece: Sendable, Equatable {
        case text(String)
        case bind(SQLValue)
    }

    /// The statement's pieces in order.
    public private(set) var pieces: [Piece]

    /// A statement made of literal text only.
    public init(stringLiteral value: String) { pieces = [.text(value)] }

    /// A statement assembled by interpolation.
    public init(stringInterpolation: StringInterpolation) { pieces = stringInterpolation.pieces }

    /// Trusted text, such as a migration read from code; never text that came from a user.
    public init(unsafeRaw text: String) { pieces = [.text(text)] }

    /// The text with each value replaced by `placeholder(n)` (n counts from 1), and the values in order.
    public func rendered(placeholder: (Int) -> String) -> (text: String, binds: [SQLValue]) {
        var text = ""
        var binds: [SQLValue] = []
        for piece in pieces {
            switch piece {
            case .text(let literal): text += literal
            case .bind(let value):
                binds.append(value)
                text += placeholder(binds.count)
            }
        }
        return (text, binds)
    }

    /// The statement as SQLite would see it, for logs and errors (values shown after it).
    public var description: String {
        let (text, binds) = rendered { _ in "?" }
        return binds.isEmpty ? text : "\(text) -- \(binds)"
    }

    /// Builds a ``SQL`` from literal text and values.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pieces.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            if case .text(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .text(previous + literal)
            } else {
                pieces.append(.text(literal))
            }
        }

        public mutating func appendInterpolation(bind value: some SQLBindable) {
            pieces.append(.bind(value.sqlValue))
        }

        /// An optional value: NULL when nil.
        public mutating func appendInterpolation<Value: SQLBindable>(bind value: Value?) {
            pieces.append(.bind(value?.sqlValue ?? .null))
        }

        /// A list of bound values separated by commas, for `IN (...)`. The list must not be empty: SQL has no
        /// empty `IN ()`, so callers return early instead.
        public mutating func appendInterpolation<Value: SQLBindable>(bind values: [Value]) {
            precondition(!values.isEmpty, "an empty IN list is not SQL; return before building the statement")
            for (index, value) in values.enumerated() {
                if index > 0 { appendLiteral(", ") }
                pieces.append(.bind(value.sqlValue))
            }
        }

        /// Trusted text spliced as is: a dialect fragment, an identifier chosen in code.
        public mutating func appendInterpolation(raw text: String) { appendLiteral(text) }

        /// Another statement's pieces, values included.
        public mutating func appendInterpolation(_ fragment: SQL) {
            for piece in fragment.pieces {
                switch piece {
                case .text(let text): appendLiteral(text)
                case .bind: pieces.append(piece)
                }
            }
        }
    }
}
