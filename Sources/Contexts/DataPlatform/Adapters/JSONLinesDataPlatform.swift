import Foundation
import Kernel

/// A data platform that appends each event as one JSON line to a file and syncs it to disk before
/// acknowledging: `{"eventId":"...","kind":"ORDER_PAID","payload":{...}}`.
///
/// Several processes may share the file (instances of `commerce serve` in one directory): each batch of lines is
/// appended under an exclusive `flock` with `O_APPEND`, so lines never overwrite or split each other. A write that
/// fails half way (a full disk) is cut back to the last full line, so no fragment is left for the next line to
/// be glued to. The file is written and synced on a thread of its own, one `fsync` for all the deliveries that
/// arrived meanwhile, and a delivery that is cancelled (its timeout ran out) returns at once whatever the disk
/// is doing.
public final class JSONLinesDataPlatform: DataPlatformClient {
    /// The file written to.
    public let path: String
    private let appender: LineAppender

    /// A sink appending to `path`, which is created when missing.
    public convenience init(path: String) { self.init(path: path, calls: .system) }

    /// A sink whose file system calls are `calls`: tests inject a failing or stuck disk.
    init(path: String, calls: FileCalls) {
        self.path = path
        self.appender = LineAppender(path: path, calls: calls)
    }

    public func send(_ event: PlatformEvent) async throws {
        try await appender.append(Array(try Self.line(for: event).utf8))
    }

    static func line(for event: PlatformEvent) throws -> String { try event.wireDocument() + "\n" }
}
