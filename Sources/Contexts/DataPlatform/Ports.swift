import Kernel

/// The external data platform, as this system sees it. Adapters: ``InMemoryDataPlatform`` (REPL and tests,
/// can be switched down), ``JSONLinesDataPlatform`` (a file, the server's default), and an HTTP webhook.
public protocol DataPlatformClient: Sendable {
    /// Hands one event to the platform and returns once the platform has acknowledged it (the seed's 전송 확인).
    /// Throws when the platform is unavailable.
    func send(_ event: PlatformEvent) async throws
}

/// The platform did not take the event.
public struct DataPlatformUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why.
    public let reason: String

    /// The platform did not take the event, for `reason`.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
