import ArgumentParser
import Benchmarks
import Foundation

/// `commerce-bench`: the figures of BENCHMARKS.md. Each part runs in a child process of its own, so that its
/// peak resident memory is its own. Build it in release: `swift run -c release commerce-bench`.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commerce-bench", abstract: "Measure the use cases, HTTP, the expiry sweep and the scenarios.")

    @Option(help: "Orders per use-case measurement.") var n = 3_000
    @Option(help: "Order+pay pairs over HTTP.") var pairs = 3_000
    @Option(help: "Orders in the sweep's table.") var sweepTotal = 1_000_000
    @Option(help: "Repetitions of the scenario and start-up timings.") var repetitions = 5
    @Option(help: "Steps of each simulator run.") var steps = 10_000
    @Option(help: "Write the table as JSON to this file.") var json: String?
    @Option(help: "Also measure on this PostgreSQL server (postgres://USER@HOST:PORT/DB; each run in a new schema).")
    var postgres: String?
    @Option(help: .hidden) var part: String?

    static let parts = ["usecases", "durability", "concurrency", "http", "sweep", "scenarios", "simulate"]

    func run() async throws {
        if let part {
            let rows = try await run(part: part) + [BenchRow(part, "peak resident memory", peakResidentMiB(), "MiB")]
            print(String(decoding: try JSONEncoder().encode(rows), as: UTF8.self))
            return
        }
        var rows: [BenchRow] = []
        for part in Self.parts {
            FileHandle.standardError.write(Data("running \(part)...\n".utf8))
            rows += try child(part)
        }
        print(Self.table(rows))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(rows).write(to: URL(fileURLWithPath: json))
        }
    }

    func run(part: String) async throws -> [BenchRow] {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        switch part {
        case "usecases": return try await UseCaseBenchmarks.run(n: n, postgres: postgres)
        case "concurrency": return try await UseCaseBenchmarks.concurrency(n: n)
        case "pay": return try await UseCaseBenchmarks.payOnly(n: n)  // for profiling: `--part pay`
        case "durability": return try await UseCaseBenchmarks.durability(n: n)
        case "http": return try await HTTPBenchmark.run(pairs: pairs, postgres: postgres)
        case "sweep":
            return try await SweepBenchmark.run(total: sweepTotal, dueCounts: [sweepTotal / 10, sweepTotal / 100, sweepTotal / 1000])
        case "scenarios":
            // The REPL's start-up is timed on the release `commerce` of the repository (`swift build -c release`).
            let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("commerce")
            let binary =
                FileManager.default.isExecutableFile(atPath: beside.path) ? beside : root.appendingPathComponent(".build/release/commerce")
            return try await ScenarioBenchmark.run(packageRoot: root, commerceBinary: binary, repetitions: repetitions)
        case "simulate": return try await SimulationBenchmark.run(steps: steps)
        default: throw ValidationError("unknown part '\(part)'")
        }
    }

    /// Runs one part in a child process and reads its rows.
    func child(_ part: String) throws -> [BenchRow] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments =
            [
                "--part", part, "--n", "\(n)", "--pairs", "\(pairs)", "--sweep-total", "\(sweepTotal)", "--repetitions", "\(repetitions)",
            ] + (postgres.map { ["--postgres", $0] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("part \(part) failed with status \(process.terminationStatus)") }
        return try JSONDecoder().decode([BenchRow].self, from: data)
    }

    static func table(_ rows: [BenchRow]) -> String {
        let width = (rows.map { $0.part.count }.max() ?? 4, rows.map { $0.measure.count }.max() ?? 7)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let lines = rows.map { row in
            let value =
                row.unit == "ratio"
                ? String(format: "%.2f", row.value)
                : row.value >= 100 ? String(format: "%.0f", row.value) : String(format: "%.2f", row.value)
            return "| \(pad(row.part, width.0)) | \(pad(row.measure, width.1)) | \(pad(value, 9)) | \(pad(row.unit, 10)) |"
        }
        return
            ([
                "| \(pad("part", width.0)) | \(pad("measure", width.1)) | \(pad("value", 9)) | \(pad("unit", 10)) |",
                "|\(String(repeating: "-", count: width.0 + 2))|\(String(repeating: "-", count: width.1 + 2))|-----------|------------|",
            ] + lines)
            .joined(separator: "\n")
    }
}
