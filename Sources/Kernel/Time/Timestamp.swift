/// An instant with whole-second precision, printed as ISO 8601 UTC (`2026-01-01T09:05:00Z`).
///
/// Whole seconds are the contract of docs/console.md, and they keep scenario output reproducible. Stored as
/// seconds since the Unix epoch (a 64-bit integer column on every database).
public struct Timestamp: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let rawValue: Int64

    /// An instant given as seconds since the Unix epoch.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// An instant given as seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) { self.rawValue = secondsSinceEpoch }

    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Int64 { rawValue }

    /// Decodes the ISO 8601 text that ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Timestamp(iso8601: text)
    }

    /// Encodes as ISO 8601 text, the form every JSON document of the system uses.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The instant `seconds` later (earlier when negative), or `INVALID_ARGUMENT` past the representable range.
    public func adding(seconds: Int64) throws(DomainError) -> Timestamp {
        let (sum, overflow) = rawValue.addingReportingOverflow(seconds)
        guard !overflow, Self.representable.contains(sum) else {
            throw .invalid("time \(self) + \(seconds)s is out of range")
        }
        return Timestamp(rawValue: sum)
    }

    /// `self - other` in seconds.
    public func seconds(since other: Timestamp) -> Int64 { rawValue &- other.rawValue }

    /// Years 0001 to 9999, the range ISO 8601 text can carry in four digits.
    static let representable: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { iso8601 }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        let (days, secondOfDay) = rawValue.floorDivided(by: 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T" + timeOfDay(secondOfDay) + "Z"
    }

    /// `HH:MM:SS` in UTC, the form the console prints job reports with.
    public var timeOfDay: String { timeOfDay(rawValue.floorDivided(by: 86_400).remainder) }

    private func timeOfDay(_ secondOfDay: Int64) -> String {
        "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` strictly (UTC, whole seconds), or fails with `INVALID_ARGUMENT`.
    public init(iso8601 text: String) throws(DomainError) {
        let invalid = DomainError.invalid("time must look like 2026-01-01T09:05:00Z, got '\(text)'")
        let chars = Array(text.utf8)
        guard chars.count == 20, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t"), chars[13] == UInt8(ascii: ":"),
            chars[16] == UInt8(ascii: ":"), chars[19] == UInt8(ascii: "Z") || chars[19] == UInt8(ascii: "z")
        else { throw invalid }
        func number(_ range: Range<Int>) throws(DomainError) -> Int64 {
            var value: Int64 = 0
            for index in range {
                let digit = chars[index]
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { throw invalid }
                value = value * 10 + Int64(digit - UInt8(ascii: "0"))
            }
            return value
        }
        let year = try number(0..<4), month = try number(5..<7), day = try number(8..<10)
        let hour = try number(11..<13), minute = try number(14..<16), second = try number(17..<19)
        guard year >= 1, (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { throw invalid }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        self.rawValue = days * 86_400 + hour * 3600 + minute * 60 + second
    }
}

private func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

extension Int64 {
    /// Division rounding toward negative infinity, so instants before 1970 print correctly.
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

/// A proleptic Gregorian calendar date; the conversions are Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, exact for every representable year.
private struct CivilDate {
    var year: Int64, month: Int64, day: Int64

    init(year: Int64, month: Int64, day: Int64) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    init(daysSinceEpoch: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
