import Foundation
import Kernel

/// What a simulation found: the run's size, the failure if any, the coverage, and the run as a scenario.
public struct SimulationReport: Sendable {
    public let options: SimulationOptions
    public let stepsRun: Int
    /// The first broken invariant; nil when the run passed.
    public let violation: Violation?
    public let coverage: Coverage
    public let checks: Int
    public let audits: Int
    /// Times a crash closed and reopened the system.
    public let restarts: Int
    /// The whole run in the console's language.
    public let script: String
    /// The shortest failing run, when the run failed and could be shortened.
    public let shortest: ShortestFailure?
    /// Wall-clock time: not part of ``summary`` (which two runs of one seed print alike).
    public let elapsed: Duration

    public var passed: Bool { violation == nil }

    /// Wall-clock seconds.
    public var elapsedSeconds: Double { elapsed.inSeconds }

    /// The command that runs this report's run again, up to its failure if it failed.
    public var replay: String { options.replayCommand(steps: violation?.step ?? options.steps) }

    /// Steps per second of wall-clock time.
    public var stepsPerSecond: Double { elapsedSeconds > 0 ? Double(stepsRun) / elapsedSeconds : 0 }

    /// The report as `commerce simulate` prints it: the same, byte for byte, for the same seed and options in
    /// the default mode.
    public func summary(scenarioPath: String? = nil) -> String {
        var lines: [String] = []
        let mode = options.concurrent > 1 ? "\(options.concurrent) users at once" : "one use case at a time"
        lines.append(
            "Simulation: seed \(options.seed), \(options.steps) steps, \(options.users) users, \(options.products) products, "
                + "faults \(options.faults), \(options.database.summary), \(mode)"
                + (options.plantedBugs.isEmpty
                    ? "" : ", planted bugs: \(options.plantedBugs.map(\.rawValue).sorted().joined(separator: ", "))"))
        if let violation {
            lines.append("FAILED at step \(violation.step) of \(options.steps): \(violation.invariant.rawValue)")
            lines.append("  \(violation.detail)")
        } else {
            lines.append("PASSED: \(stepsRun) steps, \(checks) checks (\(audits) full audits), \(restarts) restarts after crashes")
        }
        lines.append("")
        lines += outcomeTable()
        lines.append("")
        lines += branchTable()
        lines.append("")
        lines += faultTable()
        let unreached = coverage.unreached(faults: options.faults)
        lines.append("")
        lines.append(unreached.isEmpty ? "Every branch and every fault was reached." : "Not reached: " + unreached.joined(separator: "; "))
        lines.append("")
        lines.append("Replay: \(replay)")
        if let shortest {
            lines.append(
                "Shortest failing run: \(shortest.steps.count) of \(violation?.step ?? stepsRun) steps (\(shortest.replays) replays), "
                    + "breaking \(shortest.violation.invariant.rawValue) at its step \(shortest.violation.step): \(shortest.violation.detail)"
            )
            if let scenarioPath {
                lines.append("  scenario: \(scenarioPath) (commerce run \(scenarioPath) fails where the simulator saw the break)")
                lines.append("  trace: \(scenarioPath).mmd")
            }
        } else if violation != nil, options.concurrent > 1 {
            lines.append("A concurrent run is not reproducible, so it is not shortened: the same seed may break elsewhere, or not at all.")
        } else if violation != nil {
            lines.append("The failure did not break again when replayed on SQLite in memory: the whole prefix is the shortest run.")
            if let scenarioPath { lines.append("  scenario: \(scenarioPath) (the run up to the break)") }
        } else if let scenarioPath {
            lines.append("Scenario: \(scenarioPath) (commerce run \(scenarioPath) replays the run)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func outcomeTable() -> [String] {
        var lines = ["| use case | outcome | count |", "|---|---|---:|"]
        for useCase in coverage.outcomes.keys.sorted() {
            for (outcome, count) in (coverage.outcomes[useCase] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("| \(useCase) | \(outcome) | \(count) |")
            }
        }
        return lines
    }

    private func branchTable() -> [String] {
        ["| seed diagram branch | reached |", "|---|---:|"]
            + Branch.allCases.map { "| \($0.rawValue) | \(coverage.branches[$0] ?? 0) |" }
            + ["| orders expired by the job | \(coverage.ordersExpired) |"]
    }

    private func faultTable() -> [String] {
        ["| fault | rate | injected | took effect |", "|---|---:|---:|---:|"]
            + SimulatedFault.allCases.map {
                "| \($0.rawValue) | \(options.faults.rate($0)) | \(coverage.faultsInjected[$0] ?? 0) | \(coverage.faultsFired[$0] ?? 0) |"
            }
    }

    /// The summary as JSON (`--json FILE`), with the wall-clock figures the printed summary leaves out.
    public func json() throws -> Data {
        struct Document: Encodable {
            let seed: UInt64
            let steps: Int
            let stepsRun: Int
            let passed: Bool
            let violation: ViolationDocument?
            let replay: String
            let shortestFailingRun: Int?
            let checks: Int
            let audits: Int
            let restarts: Int
            let outcomes: [String: [String: Int]]
            let branches: [String: Int]
            let faultsInjected: [String: Int]
            let faultsTookEffect: [String: Int]
            let unreached: [String]
            let elapsedSeconds: Double
            let stepsPerSecond: Double
        }
        struct ViolationDocument: Encodable {
            let step: Int
            let invariant: String
            let detail: String
        }
        let document = Document(
            seed: options.seed, steps: options.steps, stepsRun: stepsRun, passed: passed,
            violation: violation.map { ViolationDocument(step: $0.step, invariant: $0.invariant.rawValue, detail: $0.detail) },
            replay: replay, shortestFailingRun: shortest?.steps.count,
            checks: checks, audits: audits, restarts: restarts, outcomes: coverage.outcomes,
            branches: Dictionary(uniqueKeysWithValues: Branch.allCases.map { ($0.rawValue, coverage.branches[$0] ?? 0) }),
            faultsInjected: Dictionary(uniqueKeysWithValues: coverage.faultsInjected.map { ($0.key.rawValue, $0.value) }),
            faultsTookEffect: Dictionary(uniqueKeysWithValues: coverage.faultsFired.map { ($0.key.rawValue, $0.value) }),
            unreached: coverage.unreached(faults: options.faults), elapsedSeconds: elapsedSeconds,
            stepsPerSecond: stepsPerSecond)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(document)
    }
}

extension SimulationReport {
    /// The scenario `--emit-scenario` writes: the whole run when it passed; when it failed, the shortest failing
    /// run (or, if it could not be shortened, the run up to the break).
    public var scenario: String {
        let header: [String]
        let body: String
        if let violation {
            header = [
                "# A failing run of the simulator, shortened: \(shortest?.steps.count ?? violation.step) steps of \(violation.step).",
                "# Found by: \(options.replayCommand(steps: violation.step))",
                "# It broke \(violation.invariant.rawValue): \(violation.detail)",
                "# Its commands carry the answers the rules predict, so on a build with the bug the line where the",
                "# simulator saw the break fails; once the bug is fixed the script passes and can stay as a regression test.",
            ]
            body = shortest?.script ?? script
        } else {
            header = [
                "# A passing run of the simulator, replayable with `commerce run` on a fresh in-memory system.",
                "# Made by: \(options.replayCommand()) --emit-scenario FILE",
            ]
            body = script
        }
        let faultsNote = "# Faults are comments: the console cannot inject them, and their effects are replayed."
        return (header + [faultsNote]).joined(separator: "\n") + "\n" + body
    }
}
