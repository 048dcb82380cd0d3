import AsyncHTTPClient
import DataPlatform
import Foundation
import NIOCore

/// A data platform reached by HTTP: each event is POSTed as JSON to a URL; any 2xx is the acknowledgement
/// (the seed's 전송 확인). The receiver deduplicates by the `Idempotency-Key` header, the event's id.
public struct WebhookDataPlatform: DataPlatformClient {
    /// Where events go.
    public let url: String
    private let client: HTTPClient

    /// A webhook posting to `url` with the shared HTTP client.
    public init(url: String, client: HTTPClient = .shared) {
        self.url = url
        self.client = client
    }

    public func send(_ event: PlatformEvent) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: event.eventId)
        let body = "{\"eventId\":\(Self.quoted(event.eventId)),\"kind\":\(Self.quoted(event.kind)),\"payload\":\(event.payload)}"
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(5))
        guard (200..<300).contains(response.status.code) else {
            throw DataPlatformUnavailable("the webhook answered \(response.status.code)")
        }
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
