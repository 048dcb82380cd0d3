/// A length of time in whole seconds, written the console's way: `30s`, `15m`, `1h`, `2d`, `1h30m`, `14m59s`.
public struct TimeSpan: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in seconds.
    public let rawValue: Int64

    /// A span of `rawValue` seconds.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// A span of whole seconds.
    public static func seconds(_ seconds: Int64) -> TimeSpan { TimeSpan(rawValue: seconds) }
    /// A span of whole minutes.
    public static func minutes(_ minutes: Int64) -> TimeSpan { TimeSpan(rawValue: minutes * 60) }

    /// The length in seconds.
    public var seconds: Int64 { rawValue }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.rawValue < rhs.rawValue }

    private static let units: [(suffix: Character, seconds: Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The shortest console spelling, largest unit first: `1h30m`, `15m`, `0s`.
    public var description: String {
        guard rawValue > 0 else { return rawValue == 0 ? "0s" : "-" + TimeSpan(rawValue: -rawValue).description }
        var rest = rawValue, text = ""
        for unit in Self.units where rest >= unit.seconds {
            text += "\(rest / unit.seconds)\(unit.suffix)"
            rest %= unit.seconds
        }
        return text
    }

    /// Parses the console's spelling: one or more `NUMBER UNIT` parts (`d`, `h`, `m`, `s`), each unit at most
    /// once and largest first, `_` allowed in numbers. Anything else, or a total past 64 bits, is
    /// `INVALID_ARGUMENT`.
    public init(parsing text: String) throws(DomainError) {
        let invalid = DomainError.invalid("duration must look like 30s, 15m, 1h30m or 2d, got '\(text)'")
        var total: Int64 = 0, digits = "", lastUnit = -1, sawPart = false
        for character in text {
            if character.isASCII, character.isNumber || (character == "_" && !digits.isEmpty) {
                if character != "_" { digits.append(character) }
                continue
            }
            guard let unit = Self.units.firstIndex(where: { $0.suffix == character }), unit > lastUnit,
                let value = Int64(digits)
            else { throw invalid }
            let (part, overflow1) = value.multipliedReportingOverflow(by: Self.units[unit].seconds)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow1, !overflow2 else { throw .invalid("duration '\(text)' is too long") }
            (total, digits, lastUnit, sawPart) = (sum, "", unit, true)
        }
        guard sawPart, digits.isEmpty else { throw invalid }
        rawValue = total
    }
}
