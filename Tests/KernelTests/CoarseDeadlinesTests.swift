import Kernel
import Testing

/// The shared coarse ticker behind the delivery timeout.
@Suite struct CoarseDeadlinesTests {
    @Test func aPassedDeadlineReturnsWithinATick() async throws {
        let deadlines = CoarseDeadlines(resolution: .milliseconds(10))
        let started = ContinuousClock.now
        try await deadlines.wait(until: started)
        #expect(ContinuousClock.now - started < .seconds(10))  // a tick is 10 ms; the margin is for a loaded machine
    }

    @Test func cancellingTheWaiterThrowsAtOnce() async throws {
        let deadlines = CoarseDeadlines(resolution: .seconds(3600))  // the ticker would never get there
        let waiter = Task { try await deadlines.wait(until: ContinuousClock.now + .seconds(3600)) }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    @Test func manyWaitersAllReturn() async throws {
        let deadlines = CoarseDeadlines(resolution: .milliseconds(5))
        let now = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<50 { group.addTask { try await deadlines.wait(until: now + .milliseconds(index % 5)) } }
            try await group.waitForAll()
        }
    }
}
