import Foundation
import Glibc
import Kernel
import Synchronization
import TestSupport
import Testing

@testable import DataPlatform

/// The JSON-lines sink under the faults a file meets: another process appending, a full disk, a fragment left by
/// a crash, a disk that hangs.
@Suite struct JSONLinesSinkTests {
    func event(_ n: Int) -> PlatformEvent {
        PlatformEvent(
            eventId: "event-\(n)", kind: "ORDER_PAID", payload: "{\"orderId\":\(n),\"pad\":\"\(String(repeating: "x", count: 200))\"}")
    }

    /// The file's lines, each decoded; a line that is not a whole event fails the test.
    func lines(_ path: String) throws -> [PlatformEvent] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"), "the file ends with a whole line")
        return try text.split(separator: "\n").map { line in
            struct Line: Decodable { let eventId: String; let kind: String }
            let decoded = try JSONDecoder().decode(Line.self, from: Data(line.utf8))
            return PlatformEvent(eventId: decoded.eventId, kind: decoded.kind, payload: "")
        }
    }

    /// Two sinks on one file are two processes sharing `commerce-dataplatform.jsonl`: before `O_APPEND` and the
    /// lock, each sought to the end and wrote, and one overwrote the other's line while both reported success.
    @Test func twoSinksSharingAFileLoseNoLineAndBreakNone() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        defer { TestDatabase.remove(path) }
        let sinks = [JSONLinesDataPlatform(path: path), JSONLinesDataPlatform(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<400 { group.addTask { try await sinks[n % 2].send(event(n)) } }
            try await group.waitForAll()
        }
        let written = try lines(path)
        #expect(written.count == 400)
        #expect(Set(written.map(\.eventId)) == Set((0..<400).map { "event-\($0)" }))
    }

    /// A write that stops half way (the disk filled up) is cut back, so the next line does not glue onto a fragment.
    @Test func aWriteThatFailsHalfWayLeavesNoFragment() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        defer { TestDatabase.remove(path) }
        let fullOnce = Mutex(true)
        var calls = FileCalls.system
        calls.write = { fd, bytes throws(FileCallFailed) in
            guard
                fullOnce.withLock({ full in
                    defer { full = false }; return full
                })
            else { return try FileCalls.system.write(fd, bytes) }
            _ = try FileCalls.system.write(fd, UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count / 2)]))
            throw FileCallFailed(call: "write", errno: ENOSPC)
        }
        let sink = JSONLinesDataPlatform(path: path, calls: calls)
        await #expect(throws: DataPlatformUnavailable.self) { try await sink.send(event(1)) }
        #expect(try lines(path).isEmpty, "the half line is gone")
        try await sink.send(event(2))
        #expect(try lines(path).map(\.eventId) == ["event-2"])
    }

    /// A process killed between a partial write and its repair leaves a fragment; the next writer cuts it.
    @Test func aFragmentLeftByACrashedWriterIsCutBeforeTheNextLine() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        defer { TestDatabase.remove(path) }
        let whole = try JSONLinesDataPlatform.line(for: event(1))
        try Data((whole + "{\"eventId\":\"event-").utf8).write(to: URL(fileURLWithPath: path))
        try await JSONLinesDataPlatform(path: path).send(event(2))
        #expect(try lines(path).map(\.eventId) == ["event-1", "event-2"])
    }

    /// Deliveries that arrive while a sync is running share the next one.
    @Test func concurrentDeliveriesShareTheirFsyncs() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        defer { TestDatabase.remove(path) }
        let syncs = Mutex(0)
        var calls = FileCalls.system
        calls.fsync = { fd throws(FileCallFailed) in
            syncs.withLock { $0 += 1 }
            usleep(2_000)  // a disk's sync takes time; the deliveries arriving meanwhile queue behind it
            try FileCalls.system.fsync(fd)
        }
        let sink = JSONLinesDataPlatform(path: path, calls: calls)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<200 { group.addTask { try await sink.send(event(n)) } }
            try await group.waitForAll()
        }
        #expect(try lines(path).count == 200)
        #expect(syncs.withLock { $0 } < 100, "\(syncs.withLock { $0 }) syncs for 200 deliveries")
    }

    /// A disk that hangs: the delivery's timeout returns on time, and so does the next delivery. Before, the
    /// timeout's task group waited for the stuck write, so the payment's answer waited for the disk.
    @Test func aStuckDiskDoesNotHoldTheDeliveryPastItsTimeout() async throws {
        let path = TestDatabase.temporaryPath(".jsonl")
        let release = DispatchSemaphore(value: 0)
        defer {
            release.signal()
            TestDatabase.remove(path)
        }
        var calls = FileCalls.system
        calls.write = { _, _ throws(FileCallFailed) in
            release.wait()  // the disk does not answer until the test ends
            throw FileCallFailed(call: "write", errno: EIO)
        }
        let database = try await TestDatabase.fresh([CommerceModule(name: "DataPlatForm", migrations: DataPlatformService.migrations)])
        let outbox = DataPlatformService(
            database: database, clock: SimulatedClock(), client: JSONLinesDataPlatform(path: path, calls: calls),
            policy: RelayPolicy(timeout: .milliseconds(200)))
        for n in 1...2 {
            try await database.write { tx in try await outbox.enqueue(event(n), in: tx) }
            let started = ContinuousClock.now
            let outcome = try await outbox.deliverNow(eventId: "event-\(n)")
            let took = ContinuousClock.now - started
            guard case .failed(let reason, _) = outcome else { Issue.record("delivered \(outcome)"); return }
            #expect(reason.contains("no acknowledgement within"))
            // The disk never answers, so any bound separates the two; 10 s leaves room for a loaded machine.
            #expect(took < .seconds(10), "delivery \(n) returned after \(took)")
        }
    }
}
