import Foundation
import Kernel
import Synchronization

/// A data platform that appends each event as one JSON line to a file and syncs it to disk before
/// acknowledging: `{"eventId":"...","kind":"ORDER_PAID","payload":{...}}`.
public final class JSONLinesDataPlatform: DataPlatformClient {
    /// The file written to.
    public let path: String
    private let lock = Mutex(())

    /// A sink appending to `path`, which is created when missing.
    public init(path: String) { self.path = path }

    public func send(_ event: PlatformEvent) async throws {
        let line = try Self.line(for: event)
        // The blocking write and fsync run on a Dispatch thread while the caller suspends: the caller's thread may
        // be SQLite's writer (the composition root runs a payment there), which other transactions wait for.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try self.append(line) })
            }
        }
    }

    /// Appends one line and syncs the file, holding the lock so this process's lines do not interleave.
    private func append(_ line: String) throws {
        try lock.withLock { _ in
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw DataPlatformUnavailable("cannot create \(path)")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: path) else { throw DataPlatformUnavailable("cannot open \(path)") }
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
            try handle.synchronize()
        }
    }

    static func line(for event: PlatformEvent) throws -> String {
        let encoder = JSONEncoder()
        let eventId = String(decoding: try encoder.encode(event.eventId), as: UTF8.self)
        let kind = String(decoding: try encoder.encode(event.kind), as: UTF8.self)
        return "{\"eventId\":\(eventId),\"kind\":\(kind),\"payload\":\(event.payload)}\n"
    }
}
