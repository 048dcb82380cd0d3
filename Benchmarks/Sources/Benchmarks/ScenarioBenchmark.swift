import App
import Console
import Foundation

/// How long the whole `scenarios/` folder takes in process, and how long the REPL binary takes to start and
/// quit.
public enum ScenarioBenchmark {
    public static func run(packageRoot: URL, commerceBinary: URL?, repetitions: Int) async throws -> [BenchRow] {
        let folder = packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".scn") }.sorted()
        var runs: [Double] = []
        for _ in 0..<repetitions {
            runs.append(
                try await seconds {
                    for file in files {
                        let app = try await CommerceApp.start()
                        let session = ConsoleSession(app: app, terminal: Terminal { _ in })
                        guard await session.runScripts([folder.appendingPathComponent(file).path], step: false, verbose: false) else {
                            throw BenchmarkFailure("\(file) failed")
                        }
                        try await app.close()
                    }
                })
        }
        var rows = [BenchRow("scenarios", "all \(files.count) scenarios (median of \(repetitions))", median(runs) * 1000, "ms")]
        if let binary = commerceBinary, FileManager.default.isExecutableFile(atPath: binary.path) {
            var starts: [Double] = []
            for _ in 0..<repetitions {
                starts.append(
                    try await seconds {
                        let process = Process()
                        process.executableURL = binary
                        let input = Pipe()
                        process.standardInput = input
                        process.standardOutput = FileHandle.nullDevice
                        try process.run()
                        input.fileHandleForWriting.write(Data("quit\n".utf8))
                        try input.fileHandleForWriting.close()
                        process.waitUntilExit()
                    })
            }
            rows.append(BenchRow("scenarios", "REPL start-up to quit (median of \(repetitions))", median(starts) * 1000, "ms"))
        }
        return rows
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
