import AsyncHTTPClient
import DataPlatform
import Foundation
import Kernel
import NIOCore

/// A data platform reached by HTTP: each event is POSTed as JSON to a URL; a `2xx` is the acknowledgement (the
/// seed's 전송 확인). The receiver deduplicates by the `Idempotency-Key` header, the event's id.
///
/// It has an HTTP client of its own, which follows no redirect: a `3xx` would otherwise turn the `POST` into a
/// body-less `GET` whose `2xx` marked the event delivered. How answers count:
///
/// | Answer | Outcome |
/// |---|---|
/// | `2xx` | delivered |
/// | `408`, `429`, `5xx`, no answer, a timeout | ``DataPlatformUnavailable``: retried with backoff, `Retry-After` honoured |
/// | `3xx`, any other `4xx` | ``DataPlatformRejected``: dead-lettered after a few |
public final class WebhookDataPlatform: DataPlatformClient {
    /// Where events go.
    public let url: String
    private let client: HTTPClient
    private let clock: any Kernel.Clock

    /// A webhook posting to `url`, giving up on a connection after `connectTimeout` and on an answer after
    /// `readTimeout` of silence (the relay's own delivery timeout bounds the whole attempt as well).
    public init(
        url: String, connectTimeout: Duration = .seconds(2), readTimeout: Duration = .seconds(5),
        clock: any Kernel.Clock = SystemClock()
    ) {
        self.url = url
        self.clock = clock
        self.client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow,
                timeout: HTTPClient.Configuration.Timeout(
                    connect: TimeAmount(connectTimeout), read: TimeAmount(readTimeout))))
    }

    public func send(_ event: PlatformEvent) async throws {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Idempotency-Key", value: event.eventId)
        request.body = .bytes(ByteBuffer(string: try event.wireDocument()))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch {
            throw DataPlatformUnavailable("the webhook did not answer: \(error)")
        }
        let status = Int(response.status.code)
        do {
            for try await _ in response.body {}  // read to the end, so the connection can be reused
        } catch {
            throw DataPlatformUnavailable("the webhook's answer \(status) broke off: \(error)")
        }
        switch status {
        case 200..<300:
            return
        case 408, 429, 500...:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Self.retryAfter($0, now: clock.now()) }
            throw DataPlatformUnavailable("the webhook answered \(status)", retryAfter: retryAfter)
        default:
            throw DataPlatformRejected("the webhook answered \(status)")
        }
    }

    public func shutdown() async { try? await client.shutdown() }

    /// A `Retry-After` value (delay-seconds or an HTTP date) as a wait from `now`; nil when it is neither.
    static func retryAfter(_ value: String, now: Timestamp) -> TimeSpan? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(text), seconds >= 0 { return .seconds(seconds) }
        guard let date = httpDate.date(from: text) else { return nil }
        return .seconds(max(0, Int64(date.timeIntervalSince1970.rounded(.up)) - now.rawValue))
    }

    private static var httpDate: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
