/// Input checks shared by every context, each failing with `INVALID_ARGUMENT` and a message naming the field.
public enum Validate {
    /// Requires `value >= 1`.
    public static func positive(_ value: Int64, _ field: String) throws(DomainError) {
        guard value >= 1 else { throw .invalid("\(field) must be at least 1, got \(value)") }
    }

    /// Requires `value >= 0`.
    public static func nonNegative(_ value: Int64, _ field: String) throws(DomainError) {
        guard value >= 0 else { throw .invalid("\(field) must not be negative, got \(value)") }
    }

    /// Requires `range.contains(value)`.
    public static func within(_ value: Int64, _ range: ClosedRange<Int64>, _ field: String) throws(DomainError) {
        guard range.contains(value) else {
            throw .invalid("\(field) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
        }
    }

    /// Trims a name and requires it to be non-empty, at most `maxBytes` bytes of UTF-8 (what storage and logs
    /// pay for, whatever the script), and free of control characters.
    public static func name(_ raw: String, _ field: String, maxBytes: Int = 200) throws(DomainError) -> String {
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty else { throw .invalid("\(field) must not be empty") }
        return try text(trimmed, field, maxBytes: maxBytes)
    }

    /// Requires text of at most `maxBytes` bytes of UTF-8 with no control characters (no newlines, no escapes
    /// that could forge a log line or a terminal's output).
    public static func text(_ text: String, _ field: String, maxBytes: Int) throws(DomainError) -> String {
        guard text.utf8.count <= maxBytes else { throw .invalid("\(field) is longer than \(maxBytes) bytes of UTF-8") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalid("\(field) must not contain control characters")
        }
        return text
    }
}

extension String {
    /// The string without leading and trailing white space.
    public var trimmedOfWhitespace: String {
        var characters = Substring(self)
        while characters.first?.isWhitespace == true { characters.removeFirst() }
        while characters.last?.isWhitespace == true { characters.removeLast() }
        return String(characters)
    }
}
