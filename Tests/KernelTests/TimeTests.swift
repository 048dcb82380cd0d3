import Kernel
import Testing

@Suite struct TimestampTests {
    @Test func theSimulatedClockStartsWhereTheContractSays() {
        #expect(SimulatedClock().now().description == "2026-01-01T09:00:00Z")
        #expect(SimulatedClock().now().timeOfDay == "09:00:00")
    }

    @Test(arguments: [
        "2026-01-01T09:05:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2000-03-01T12:00:00Z",
    ])
    func parsesAndPrintsTheSameText(text: String) throws {
        #expect(try Timestamp(iso8601: text).description == text)
    }

    @Test func knowsTheEpoch() throws {
        #expect(try Timestamp(iso8601: "1970-01-01T00:00:10Z").secondsSinceEpoch == 10)
        #expect(try Timestamp(iso8601: "1969-12-31T23:59:59Z").secondsSinceEpoch == -1)
    }

    @Test(arguments: [
        "", "2026-01-01", "2026-01-01T09:05:00", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T09:60:00Z", "2026-01-01T09:05:00.5Z",
        "2026-01-01T09:05:00+09:00", "abcd-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(throws: DomainError.self) { try Timestamp(iso8601: text) }
    }

    @Test func addingPastTheRangeFails() throws {
        let late = try Timestamp(iso8601: "9999-12-31T23:59:59Z")
        #expect(throws: DomainError.self) { try late.adding(seconds: 1) }
        #expect(throws: DomainError.self) { try late.adding(seconds: .max) }
    }
}

@Suite struct TimeSpanTests {
    @Test(arguments: [
        ("30s", 30 as Int64), ("15m", 900), ("1h", 3600), ("2d", 172_800), ("1h30m", 5400), ("14m59s", 899),
        ("1_000s", 1000), ("0s", 0), ("1d2h3m4s", 93_784),
    ])
    func parses(text: String, seconds: Int64) throws {
        #expect(try TimeSpan(parsing: text).seconds == seconds)
    }

    @Test(arguments: ["", "15", "m", "15x", "1m1h", "1h1h", "-5m", "1.5h", "_5m", "15 m", "99999999999999999999s", "106751991167301d"])
    func rejects(text: String) {
        #expect(throws: DomainError.self) { try TimeSpan(parsing: text) }
    }

    @Test func printsTheShortestSpelling() {
        #expect(TimeSpan.seconds(5400).description == "1h30m")
        #expect(TimeSpan.minutes(15).description == "15m")
        #expect(TimeSpan.seconds(0).description == "0s")
        #expect(TimeSpan.seconds(93_784).description == "1d2h3m4s")
    }
}

/// A `Duration` in the units that metrics, logs and SQLite count in.
@Suite struct DurationUnitsTests {
    @Test func secondsKeepTheFraction() {
        #expect(Duration.milliseconds(1_500).inSeconds == 1.5)
        #expect(Duration.seconds(5).inSeconds == 5)
        #expect(Duration.zero.inSeconds == 0)
    }

    @Test func nanosecondsAreWholeAndHeldAtTheBounds() {
        #expect(Duration.milliseconds(2).inNanoseconds == 2_000_000)
        #expect(Duration.seconds(3).inNanoseconds + Duration.nanoseconds(7).inNanoseconds == 3_000_000_007)
        #expect((Duration.seconds(1) + .nanoseconds(1)).inNanoseconds == 1_000_000_001)
        #expect(Duration.seconds(Int64.max).inNanoseconds == .max)
        #expect(Duration.seconds(Int64.min).inNanoseconds == .min)
    }

    @Test func millisecondsKeepTheMicroseconds() {
        #expect(Duration.microseconds(1_023).inMilliseconds == 1.023)
        #expect(abs((Duration.seconds(2) + .microseconds(5)).inMilliseconds - 2000.005) < 1e-9)
    }
}
