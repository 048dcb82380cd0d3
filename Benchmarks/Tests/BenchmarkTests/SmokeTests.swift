import Benchmarks
import Foundation
import Testing

/// Each benchmark runs with a tiny N so that it cannot rot. No timing is asserted: only that it ran its own
/// checks and reported its figures.
@Suite(.serialized) struct SmokeTests {
    @Test func useCasesAgainstTheCeiling() async throws {
        let rows = try await UseCaseBenchmarks.run(n: 5)
        #expect(Set(rows.map(\.part)) == ["pay/disk", "pay/memory", "place/disk", "place/memory"])
        #expect(rows.allSatisfy { $0.value > 0 })
    }

    @Test func durability() async throws {
        let rows = try await UseCaseBenchmarks.durability(n: 5)
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.value > 0 })
    }

    @Test func concurrency() async throws {
        let rows = try await UseCaseBenchmarks.concurrency(n: 8)
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0.value > 0 })
    }

    @Test func http() async throws {
        let rows = try await HTTPBenchmark.run(pairs: 8, clients: 2)
        #expect(rows.map(\.unit).contains("pairs/s"))
        #expect(rows.allSatisfy { $0.value > 0 })
    }

    @Test func simulate() async throws {
        let rows = try await SimulationBenchmark.run(steps: 200)
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.value > 0 })
    }

    @Test func sweep() async throws {
        let rows = try await SweepBenchmark.run(total: 2_000, dueCounts: [200, 20])
        #expect(rows.count == 4)
    }

    @Test func scenarios() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()  // Benchmarks/Tests/BenchmarkTests/ -> the repository
        let rows = try await ScenarioBenchmark.run(packageRoot: root, commerceBinary: nil, repetitions: 1)
        #expect(rows.first?.value ?? 0 > 0)
    }
}
