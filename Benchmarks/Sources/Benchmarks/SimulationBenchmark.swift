import Simulation

/// The simulator's own speed (`commerce simulate`), one seed, in one run: with the oracle auditing the whole
/// database every 100 steps, against the ceiling of the same steps with the final audit only (the workload, the
/// model and the per-step checks of what each step touched), and with the default faults on.
public enum SimulationBenchmark {
    public static func run(steps: Int) async throws -> [BenchRow] {
        let audited = try await stepsPerSecond(steps: steps) { _ in }
        let ceiling = try await stepsPerSecond(steps: steps) { $0.auditEvery = .max }
        let faulted = try await stepsPerSecond(steps: steps) { $0.faults = .standard }
        return [
            BenchRow("simulate", "audited every 100 steps, no faults", audited, "steps/s"),
            BenchRow("simulate", "final audit only, no faults (ceiling)", ceiling, "steps/s"),
            BenchRow("simulate", "audited / ceiling", audited / ceiling, "ratio"),
            BenchRow("simulate", "audited every 100 steps, default faults", faulted, "steps/s"),
        ]
    }

    private static func stepsPerSecond(steps: Int, _ configure: (inout SimulationOptions) -> Void) async throws -> Double {
        var options = SimulationOptions(seed: 1)
        options.steps = steps
        options.faults = .none
        configure(&options)
        let report = try await Simulator.run(options)
        guard report.passed else { throw SimulationBenchmarkFailed(summary: report.summary()) }
        return report.stepsPerSecond
    }
}

/// A benchmarked run that broke an invariant: its figures would mean nothing.
struct SimulationBenchmarkFailed: Error, CustomStringConvertible {
    let summary: String
    var description: String { "the benchmarked simulation failed:\n\(summary)" }
}
