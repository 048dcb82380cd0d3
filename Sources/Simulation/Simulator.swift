import App
import Console
import Foundation
import Kernel

/// `commerce simulate`: a seeded run of a whole shop against the real system, with faults, checked after every
/// step by an oracle; a failure comes with its seed, the invariant and the values, and the shortest failing run
/// as a scenario script and a mermaid trace.
public enum Simulator {
    /// Runs the simulation. `progress` is told after each step (steps done, steps in all).
    public static func run(
        _ options: SimulationOptions, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> SimulationReport {
        try options.validate()
        let started = ContinuousClock.now
        let runner = try await Runner.start(options.runSettings)
        var workload = Workload(seed: options.seed, users: options.users, products: options.products, faults: options.faults)
        var steps: [Step] = []
        var violation: Violation?
        if options.concurrent > 1 {
            violation = await runConcurrently(options, runner: runner, workload: &workload, steps: &steps, progress: progress)
        } else {
            for number in 1...options.steps {
                let step = workload.next(runner.model, number: number)
                steps.append(step)
                violation = await runner.perform(step)
                progress?(number, options.steps)
                if violation != nil { break }
            }
        }
        if violation == nil { violation = await runner.auditIfDue(step: steps.count, force: true) }
        await runner.close()
        var shortest: ShortestFailure?
        if let violation, options.shrinks, options.concurrent == 1 {
            shortest = await Shrinker(settings: options.runSettings).shortest(Array(steps.prefix(violation.step)), failing: violation)
        }
        return SimulationReport(
            options: options, stepsRun: steps.count, violation: violation, coverage: runner.coverage, checks: runner.checks,
            audits: runner.audits, restarts: runner.restarts, script: runner.script.text, shortest: shortest,
            elapsed: ContinuousClock.now - started)
    }

    /// `--concurrent N`: rounds of N users' steps sent at once, each round's clock and platform moves first and
    /// alone; after each round, the answers update the model (in any order they commute) and the whole
    /// database is audited. Answers are not compared with predictions: the races decide them.
    private static func runConcurrently(
        _ options: SimulationOptions, runner: Runner, workload: inout Workload, steps: inout [Step],
        progress: (@Sendable (Int, Int) -> Void)?
    ) async -> Violation? {
        runner.exact = false
        var number = 0
        var sweepNext = false
        while number < options.steps {
            var round: [(Step, Call)] = []
            while round.count < options.concurrent, number < options.steps {
                number += 1
                var step = workload.next(runner.model, number: number)
                if step.fault == .crashAfterCommit { step.fault = nil }  // a lost answer needs the deterministic mode's recovery
                steps.append(step)
                switch step.action {
                case .addProduct, .advance, .platform:
                    if let violation = await runner.perform(step) { return violation }
                    if case .advance = step.action { sweepNext = true }
                case let action:
                    if let call = runner.resolve(action), runner.model.predict(action) != .notApplicable { round.append((step, call)) }
                }
            }
            if sweepNext, let call = runner.resolve(.sweep(ahead: 1)) {
                round.append((Step(number: number, action: .sweep(ahead: 1), fault: nil), call))
                sweepNext = false
            }
            if let violation = await runner.performRound(round) { return violation }
            progress?(number, options.steps)
        }
        return nil
    }
}
