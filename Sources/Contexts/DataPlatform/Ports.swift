import Kernel

/// The external data platform, as this system sees it. Adapters: ``InMemoryDataPlatform`` (REPL and tests,
/// can be switched down), ``JSONLinesDataPlatform`` (a file, the server's default), and an HTTP webhook.
public protocol DataPlatformClient: Sendable {
    /// Hands one event to the platform and returns once the platform has acknowledged it (the seed's 전송 확인).
    /// Throws ``DataPlatformUnavailable`` when the platform may take it later, ``DataPlatformRejected`` when it
    /// refused this event and retrying as is will not help.
    func send(_ event: PlatformEvent) async throws

    /// Releases what the client holds (connections, files). Called once, when the system stops.
    func shutdown() async
}

extension DataPlatformClient {
    public func shutdown() async {}
}

/// The platform did not take the event this time (down, overloaded, timed out); the relay retries.
public struct DataPlatformUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    /// How long the platform asked to be left alone (an HTTP `Retry-After`), when it said.
    public let retryAfter: TimeSpan?

    /// The platform did not take the event, for `reason`; `retryAfter` is the wait it asked for.
    public init(_ reason: String, retryAfter: TimeSpan? = nil) {
        self.reason = reason
        self.retryAfter = retryAfter
    }

    public var description: String { reason }
}

/// The platform refused the event (an HTTP `4xx` other than `408`/`429`, or a redirect): sending it again
/// unchanged will not help. After ``RelayPolicy/rejectionsBeforeDeadLetter`` of these the event is parked as
/// dead-lettered until an operator requeues it (`commerce outbox retry EVENT-ID`).
public struct DataPlatformRejected: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    /// The platform refused the event, for `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
