import DataPlatform
import Kernel

/// The outbox as the console's `outbox` and `commerce outbox list` print it.
public enum OutboxListing {
    /// A summary line, then one line per event, oldest first.
    public static func lines(_ events: [OutboxEvent]) -> [String] {
        let delivered = events.count(where: \.isDelivered)
        let dead = events.count(where: \.isDeadLettered)
        let summary =
            "outbox: \(events.count - delivered - dead) pending, \(delivered) delivered" + (dead > 0 ? ", \(dead) dead-lettered" : "")
        return [summary] + events.map(line)
    }

    static func line(_ event: OutboxEvent) -> String {
        let attempts = "\(event.attempts) attempt\(event.attempts == 1 ? "" : "s")"
        let error = event.lastError.map { ", last error: \($0)" } ?? ""
        if let delivered = event.deliveredAt {
            return "  \(event.event.eventId) delivered at \(delivered) after \(attempts)"
        }
        if let dead = event.deadLetteredAt {
            return
                "  \(event.event.eventId) dead-lettered at \(dead) after \(attempts)\(error) ('outbox retry \(event.event.eventId)' requeues it)"
        }
        let next = event.nextAttemptAt.map { ", next try at \($0)" } ?? ""
        return "  \(event.event.eventId) pending, \(attempts)\(next)\(error)"
    }
}
