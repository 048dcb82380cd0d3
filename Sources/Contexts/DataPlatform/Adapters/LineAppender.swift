import Dispatch
import Glibc
import Kernel
import Synchronization

/// Appends lines to a file shared with other processes, durably, grouping the syncs of concurrent callers.
///
/// Callers queue their line and suspend; one drain on a serial Dispatch queue (never Swift's cooperative pool,
/// which a stuck disk would starve) takes every queued line, appends them as one batch and syncs once, then
/// answers all of them. A caller cancelled while waiting is answered at once; its line is dropped if the drain
/// has not taken it yet, and may still be written if it has (delivery is at least once).
final class LineAppender: Sendable {
    private struct Waiting {
        let id: UInt64
        let bytes: [UInt8]
    }

    private struct State {
        var nextId: UInt64 = 0
        var queued: [Waiting] = []
        var continuations: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        var cancelledBeforeQueued: Set<UInt64> = []
        var draining = false
    }

    let path: String
    private let calls: FileCalls
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "commerce.dataplatform.jsonlines")

    init(path: String, calls: FileCalls) {
        self.path = path
        self.calls = calls
    }

    /// Appends `line` (ending in a newline) and returns once it is on stable storage.
    func append(_ line: [UInt8]) async throws {
        let id = state.withLock { state in
            defer { state.nextId += 1 }
            return state.nextId
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let (startDrain, cancelled) = state.withLock { state -> (Bool, Bool) in
                    if state.cancelledBeforeQueued.remove(id) != nil { return (false, true) }
                    state.queued.append(Waiting(id: id, bytes: line))
                    state.continuations[id] = continuation
                    defer { state.draining = true }
                    return (!state.draining, false)
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
                if startDrain { queue.async { self.drain() } }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let continuation = state.continuations.removeValue(forKey: id) else {
                    state.cancelledBeforeQueued.insert(id)
                    return nil
                }
                state.queued.removeAll { $0.id == id }
                return continuation
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Writes batches until nothing is queued. Runs on `queue` only.
    private func drain() {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                defer { state.queued = [] }
                if state.queued.isEmpty { state.draining = false }
                return state.queued
            }
            guard !batch.isEmpty else { return }
            let result = Result { () throws(DataPlatformUnavailable) in try appendDurably(batch.flatMap(\.bytes)) }
            let answered = state.withLock { state in batch.compactMap { state.continuations.removeValue(forKey: $0.id) } }
            for continuation in answered { continuation.resume(with: result.mapError { $0 as any Error }) }
        }
    }

    /// Opens the file (again for each batch, so a file moved away by log rotation is not written to after),
    /// locks it against the other processes, and appends `bytes` and syncs, or leaves it as it was.
    private func appendDurably(_ bytes: [UInt8]) throws(DataPlatformUnavailable) {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)  // read too: the last line is checked
        guard fd >= 0 else { throw DataPlatformUnavailable("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw DataPlatformUnavailable("cannot lock \(path): \(String(cString: strerror(errno)))") }
        defer { flock(fd, LOCK_UN) }
        let start = cutBackToLastFullLine(fd)
        do {
            var written = 0
            while written < bytes.count {
                let count = try bytes.withUnsafeBytes { buffer throws(FileCallFailed) in
                    try calls.write(fd, UnsafeRawBufferPointer(rebasing: buffer[written...]))
                }
                guard count > 0 else { throw FileCallFailed(call: "write", errno: EIO) }
                written += count
            }
            try calls.fsync(fd)
        } catch {
            // A fragment would be glued to the next line: cut the file back to where this batch began.
            _ = ftruncate(fd, start)
            throw DataPlatformUnavailable("cannot append to \(path): \(error)")
        }
    }

    /// The file's length once anything after its last newline is cut off (a fragment left by a process that
    /// crashed between a partial write and its repair), read and cut under the lock.
    private func cutBackToLastFullLine(_ fd: Int32) -> off_t {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return max(size, 0) }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var end = size
        while end > 0 {
            let from = max(0, end - off_t(chunk.count))
            let length = Int(end - from)
            let read = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, from) }
            guard read == length else { return size }  // cannot tell; leave the file alone
            if let newline = chunk[..<length].lastIndex(of: UInt8(ascii: "\n")) {
                let lastFullLine = from + off_t(newline) + 1
                if lastFullLine < size { _ = ftruncate(fd, lastFullLine) }
                return lastFullLine
            }
            end = from
        }
        _ = ftruncate(fd, 0)
        return 0
    }
}
