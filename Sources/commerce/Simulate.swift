import App
import ArgumentParser
import Foundation
import Simulation

/// `commerce simulate`: a seeded, replayable simulation of a whole shop, with faults, checked by an oracle.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a whole shop from a seed, with faults, checking every invariant after every step.",
        discussion: """
            One seed drives the users, the clock, the data platform and the injected faults. The same seed and
            options print the same output, byte for byte (one use case at a time; --concurrent N runs real races
            and is not reproducible). A failure prints the seed, the step, the invariant and the values, the
            command that replays it, and the shortest failing run as a scenario for `commerce run`.

            Examples:
              commerce simulate                                  a random seed, 10,000 steps
              commerce simulate --seed 42 --steps 2000           a run you can repeat exactly
              commerce simulate --seed 7 --faults none           no faults
              commerce simulate --faults crash-after-commit:0.1,platform-hangs
              commerce simulate --seed 42 --emit-scenario run.scn && commerce run run.scn
              commerce simulate --concurrent 8 --database postgres://me@localhost/shop
            Faults: \(SimulatedFault.allCases.map(\.rawValue).joined(separator: ", ")).
            Exit status: 0 when every invariant held, 1 when one broke, 2 for a usage error.
            """
    )

    @Option(help: "The seed (random and printed when omitted).")
    var seed: UInt64?

    @Option(help: "Steps in all, the products' setup included.")
    var steps = 10_000

    @Option(help: "Simulated users.")
    var users = 20

    @Option(help: "Products in the catalogue.")
    var products = 8

    @Option(help: "none, default, all, or a list of FAULT[:RATE] (rates per eligible step, 0 to 1).")
    var faults = "default"

    @Option(help: "An empty database: a SQLite file, or postgres://USER@HOST:PORT/DB (default: SQLite in memory).")
    var database: String?

    @Option(help: "Simulated users sending at once (1: one use case at a time, reproducibly).")
    var concurrent = 1

    @Option(help: "Write the summary as JSON to this file.")
    var json: String?

    @Option(name: .customLong("emit-scenario"), help: "Write the run (or the shortest failing run) as a scenario script.")
    var emitScenario: String?

    @Option(help: "Steps between full audits of the database.")
    var auditEvery = 100

    @Option(name: .customLong("plant-bug"), help: ArgumentHelp("Plant a bug on purpose (tests of the oracle).", visibility: .hidden))
    var plantedBugs: [PlantedBug] = []

    func validate() throws {
        if concurrent > 1, emitScenario != nil {
            throw ValidationError("--emit-scenario needs the reproducible mode: drop --concurrent")
        }
        _ = try options(seed: 0)
    }

    /// The options the flags name (a usage error when they name none), with `seed`.
    private func options(seed: UInt64) throws -> SimulationOptions {
        var options = SimulationOptions(seed: seed)
        options.steps = steps
        options.users = users
        options.products = products
        options.concurrent = concurrent
        options.plantedBugs = Set(plantedBugs)
        options.auditEvery = auditEvery
        do {
            options.faults = try FaultPlan(parsing: faults)
            if let database {
                options.database = try DatabaseSetting(parsing: database)
                options.databaseArgument = database
            }
            try options.validate()
        } catch {
            throw ValidationError("\(error)")
        }
        return options
    }

    func run() async throws {
        let options = try options(seed: seed ?? UInt64.random(in: 0...UInt64(UInt32.max)))
        let bar = ProgressBar()
        let report = try await Simulator.run(options) { done, total in bar.update(done, of: total) }
        bar.finish()
        if let emitScenario {
            try report.scenario.write(toFile: emitScenario, atomically: true, encoding: .utf8)
            if let shortest = report.shortest {
                try shortest.mermaid.write(toFile: emitScenario + ".mmd", atomically: true, encoding: .utf8)
            }
        }
        if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
        print(report.summary(scenarioPath: emitScenario), terminator: "")
        FileHandle.standardError.write(
            Data(
                "took \(String(format: "%.1f", report.elapsedSeconds)) s, \(Int(report.stepsPerSecond)) steps/s\n"
                    .utf8))
        if !report.passed { throw ExitCode(1) }
    }
}

extension PlantedBug: ExpressibleByArgument {}

/// Progress on standard error: a bar redrawn in place on a terminal, a plain line every tenth when piped.
final class ProgressBar: Sendable {
    private let onTerminal = isatty(STDERR_FILENO) == 1

    func update(_ done: Int, of total: Int) {
        let tenth = max(1, total / 10)
        if onTerminal {
            guard done % max(1, total / 100) == 0 || done == total else { return }
            let filled = done * 30 / max(1, total)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
            FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) steps".utf8))
        } else if done % tenth == 0 {
            FileHandle.standardError.write(Data("step \(done)/\(total)\n".utf8))
        }
    }

    func finish() {
        if onTerminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
