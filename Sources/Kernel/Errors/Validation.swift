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

    /// Trims a name and requires it to be non-empty and at most `maxLength` characters.
    public static func name(_ raw: String, _ field: String, maxLength: Int = 200) throws(DomainError) -> String {
        let trimmed = raw.trimmedOfWhitespace
        guard !trimmed.isEmpty else { throw .invalid("\(field) must not be empty") }
        guard trimmed.count <= maxLength else { throw .invalid("\(field) is longer than \(maxLength) characters") }
        return trimmed
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
