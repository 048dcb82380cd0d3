/// A `Duration` as the number that an API or a log counts in, worked out once here rather than from
/// `components` at each use (seconds plus attoseconds, the easy place to drop a factor of a thousand).
extension Duration {
    /// The length in seconds, with its fraction: for APIs that take seconds as a `Double` (SQLite's busy
    /// timeout) and for figures people read.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The length in whole nanoseconds, truncated toward zero, and held at `Int64`'s bounds for a length beyond
    /// them (about 292 years): for metrics that record nanoseconds.
    public var inNanoseconds: Int64 {
        let (whole, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let fraction = components.attoseconds / 1_000_000_000
        guard !overflow else { return components.seconds < 0 ? .min : .max }
        let (sum, sumOverflow) = whole.addingReportingOverflow(fraction)
        return sumOverflow ? (whole < 0 ? .min : .max) : sum
    }

    /// The length in milliseconds, to the microsecond: the request log's `ms`.
    public var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds / 1_000_000_000_000) / 1000
    }
}
