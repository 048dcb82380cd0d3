import DataPlatform
import Kernel

extension Handlers {
    static func platformDown(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        try recorder(session).set(up: false)
        return ["dataplatform down: payments still succeed; their events wait in the outbox"]
    }

    static func platformUp(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        try recorder(session).set(up: true)
        return ["dataplatform up: the relay delivers waiting events (every 10s of clock time, backing off to 1m)"]
    }

    static func platformShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let recorder = try recorder(session)
        let received = recorder.received
        return ["dataplatform \(recorder.isUp ? "up" : "down"), received \(received.count)"]
            + received.map { "  \($0.eventId) \($0.kind) \($0.payload)" }
    }

    static func outbox(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let events = try await session.app.dataPlatform.events()
        let delivered = events.count(where: \.isDelivered)
        return ["outbox: \(events.count - delivered) pending, \(delivered) delivered"] + events.map { event in
            let attempts = "\(event.attempts) attempt\(event.attempts == 1 ? "" : "s")"
            if let delivered = event.deliveredAt {
                return "  \(event.event.eventId) delivered at \(delivered) after \(attempts)"
            }
            let next = event.nextAttemptAt.map { ", next try at \($0)" } ?? ""
            let error = event.lastError.map { ", last error: \($0)" } ?? ""
            return "  \(event.event.eventId) pending, \(attempts)\(next)\(error)"
        }
    }

    private static func recorder(_ session: ConsoleSession) throws(DomainError) -> InMemoryDataPlatform {
        guard let recorder = session.app.dataPlatformRecorder else {
            throw .invalid("this session's data platform is not simulated, so it cannot be switched or shown")
        }
        return recorder
    }
}
