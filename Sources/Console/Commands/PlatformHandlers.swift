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

    static func platformReject(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        try recorder(session).set(mode: .rejecting)
        return ["dataplatform rejecting: it answers but refuses every event; after 3 refusals an event is dead-lettered"]
    }

    static func platformShow(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let recorder = try recorder(session)
        let received = recorder.received
        return ["dataplatform \(recorder.mode.rawValue), received \(received.count)"]
            + received.map { "  \($0.eventId) \($0.kind) \($0.payload)" }
    }

    static func outbox(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        OutboxListing.lines(try await session.app.dataPlatform.events())
    }

    static func outboxRetry(_ call: Invocation, _ session: ConsoleSession) async throws -> [String] {
        let eventId = try call.requiredOperand(0)
        guard eventId != "dead" else {
            let requeued = try await session.app.dataPlatform.requeueDeadLettered()
            return requeued.isEmpty
                ? ["no dead-lettered event"] : requeued.map { "event \($0) requeued: the relay sends it at its next run" }
        }
        try await session.app.dataPlatform.requeue(eventId: eventId)
        return ["event \(eventId) requeued: the relay sends it at its next run"]
    }

    private static func recorder(_ session: ConsoleSession) throws(DomainError) -> InMemoryDataPlatform {
        guard let recorder = session.app.dataPlatformRecorder else {
            throw .invalid("this session's data platform is not simulated, so it cannot be switched or shown")
        }
        return recorder
    }
}
